package org.distill4j.teacher.tokens;

import java.nio.file.Path;
import org.distill4j.teacher.TeacherId;

/**
 * Picks the counter for a teacher: the user's {@code tokenizer.json} when given (open models),
 * else OpenAI's encoding for an OpenAI model name, else an estimate labelled as such (Anthropic
 * and Gemini publish no offline tokenizer; a local model's is the user's to give).
 */
public final class TokenCounters {
  private TokenCounters() {}

  /**
   * @param teacher the teacher; null when none is configured (an estimate then)
   * @param tokenizer a {@code tokenizer.json} or model folder, or null
   */
  public static TokenCounter forTeacher(TeacherId teacher, Path tokenizer) {
    if (tokenizer != null) {
      return TokenizerJsonCounter.open(tokenizer);
    }
    if (teacher != null && "openai".equals(teacher.provider())) {
      return TiktokenCounter.encodingFor(teacher.model())
          .<TokenCounter>map(TiktokenCounter::new)
          .orElseGet(CharEstimateCounter::new);
    }
    return new CharEstimateCounter();
  }
}
