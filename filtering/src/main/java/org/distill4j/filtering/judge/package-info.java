/**
 * The LLM-judge critic: a rubric prompt ({@code prompts/critics/llm-judge.yaml}) is rendered for
 * each record and sent through the teacher module's {@code BatchRunner} (cached, rate limited,
 * retried); the 1-5 score is parsed robustly from the judge's free text and compared with a
 * threshold. A reply with no readable score is a rejection with the reply quoted, never a default
 * score.
 *
 * <p>May import: {@code stage}, {@code rules} (generated text), and the teacher module.
 */
package org.distill4j.filtering.judge;
