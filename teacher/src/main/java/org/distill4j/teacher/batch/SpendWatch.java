package org.distill4j.teacher.batch;

import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

/**
 * Sees every fresh reply a {@link BatchRunner} receives, once it is stored, and says when the
 * runner must send nothing more (e.g. a cost limit reached). Replies served from the cache cost
 * nothing and are not shown. Called on the runner's worker threads: implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface SpendWatch {

  /** Why the runner must stop sending after this reply, or null to go on. */
  String afterReply(TeacherRequest request, TeacherReply reply);
}
