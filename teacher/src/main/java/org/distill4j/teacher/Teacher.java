package org.distill4j.teacher;

/**
 * A model that answers chat prompts: one request in, one reply out.
 *
 * <p>Contract: {@link #ask} sends exactly one request and does not retry; the batch runner owns
 * retries, rate limits and caching. Failures are thrown as LangChain4j's typed exceptions
 * ({@code RateLimitException}, {@code InternalServerException}, {@code TimeoutException},
 * {@code InvalidRequestException} …) or, for transport problems, any runtime exception whose
 * cause is an {@link java.io.IOException}. Implementations must be safe to call from many threads.
 */
@FunctionalInterface
public interface Teacher {

  /** Sends one request and returns the reply; throws on any failure. */
  TeacherReply ask(TeacherRequest request);

  /**
   * Masks this teacher's credentials in text that is about to be written or printed (servers
   * echo keys in error bodies). The default knows no key value, only header-like patterns.
   */
  default SecretRedactor redactor() {
    return SecretRedactor.patternsOnly();
  }
}
