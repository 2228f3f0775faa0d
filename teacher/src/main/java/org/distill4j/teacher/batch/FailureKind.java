package org.distill4j.teacher.batch;

/** Why a teacher call failed, as far as retrying is concerned. */
public enum FailureKind {
  /** HTTP 429: wait (Retry-After when given) and retry. */
  RATE_LIMITED(true),
  /** HTTP 5xx: retry with backoff. */
  SERVER_ERROR(true),
  /** No answer within the per-request deadline: retry. */
  TIMEOUT(true),
  /** Connection refused, reset or closed early: retry. */
  CONNECTION(true),
  /**
   * HTTP 401 or 403: the server refused the credentials. Not retried, and a run stops on it,
   * since every other request would be refused too.
   */
  AUTH(false),
  /** Another HTTP 4xx (bad request, auth, unknown model): retrying cannot help. */
  CLIENT_ERROR(false),
  /**
   * Never sent: the runner was {@link BatchRunner#stop stopped} (e.g. a cost limit reached)
   * before this request's turn. Not a failure of the request; a rerun sends it.
   */
  STOPPED(false),
  /** A reply the client could not read (malformed body) or any other error: not retried. */
  OTHER(false);

  private final boolean retriable;

  FailureKind(boolean retriable) {
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
