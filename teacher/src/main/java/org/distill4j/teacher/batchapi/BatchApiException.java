package org.distill4j.teacher.batchapi;

/**
 * A call to a batch endpoint that failed: the message says which call and what the server
 * answered (credentials masked).
 */
public final class BatchApiException extends RuntimeException {
  private final int status;
  private final boolean passing;

  /**
   * @param status the HTTP status, or 0 when there was no answer
   * @param passing true when waiting may cure it (no connection, a timeout, 429, 5xx)
   */
  public BatchApiException(String message, int status, boolean passing) {
    super(message);
    this.status = status;
    this.passing = passing;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** True when the same call may succeed later: no connection, a timeout, 429 or 5xx. */
  public boolean passing() {
    return passing;
  }
}
