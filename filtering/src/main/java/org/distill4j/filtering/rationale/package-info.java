/**
 * Checks for chain-of-thought rationales: the final answer extracted from free text ({@code ####
 * 42}, {@code A: 42}, "Answer: (B)", {@code \boxed{42}}, "So the answer is (b) ...", an option
 * letter or the option's text), free text split into steps and answer, checked against gold, and
 * self-consistency across samples and across teachers.
 *
 * <p>May import: {@code stage} only.
 */
package org.distill4j.filtering.rationale;
