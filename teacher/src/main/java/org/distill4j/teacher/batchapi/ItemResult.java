package org.distill4j.teacher.batchapi;

import org.distill4j.teacher.TeacherReply;

/** How one request of a batch job ended. */
public sealed interface ItemResult {

  /** The request's custom id; null for a result line that could not be read. */
  String customId();

  /** The request was answered: the reply as the synchronous client would have read it. */
  record Answered(String customId, TeacherReply reply) implements ItemResult {}

  /**
   * The request got no answer (an error, the job expired or was canceled), or its result line
   * could not be read.
   *
   * @param reason what the provider said, credentials masked
   */
  record Failed(String customId, String reason) implements ItemResult {}
}
