package org.distill4j.teacher.batch;

import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

/** How one request through the {@link BatchRunner} ended: a reply, or a failure with its reason. */
public sealed interface Outcome {

  /** The request. */
  TeacherRequest request();

  /** Its cache key. */
  CacheKey key();

  /**
   * The teacher replied (now, or in an earlier run and the reply came from the cache).
   *
   * @param attempts HTTP attempts made for it in this run; 0 when served from the cache
   */
  record Answered(TeacherRequest request, CacheKey key, TeacherReply reply, boolean fromCache,
      int attempts) implements Outcome {}

  /**
   * No reply: retries exhausted, or an error that retrying cannot fix.
   *
   * @param kind the class of the last error
   * @param reason the last error's message, with no credentials in it
   * @param attempts HTTP attempts made
   */
  record Failed(TeacherRequest request, CacheKey key, FailureKind kind, String reason,
      int attempts) implements Outcome {}
}
