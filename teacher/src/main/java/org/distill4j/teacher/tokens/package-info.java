/**
 * Counting prompt tokens before anything is sent, for cost projections:
 * {@link org.distill4j.teacher.tokens.TokenCounters#forTeacher} picks OpenAI's own encodings
 * (jtokkit) for OpenAI models, a user's {@code tokenizer.json} (DJL's Hugging Face tokenizers)
 * for open models, or a characters/4 estimate, and every counter says which it is.
 *
 * <p>Imports: the {@code org.distill4j.teacher} contract (chat turns, teacher ids) and core.
 */
package org.distill4j.teacher.tokens;
