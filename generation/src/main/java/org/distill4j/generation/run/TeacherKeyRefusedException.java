package org.distill4j.generation.run;

/**
 * The teacher answered 401 or 403: every request would be refused, so the run stops after the
 * requests already in flight. The refused groups are not written, so the same command with a
 * valid key resumes where this one stopped. Not bad input in the exit-code sense (the command
 * line was fine), so commands exit 1.
 */
public final class TeacherKeyRefusedException extends RuntimeException {
  public TeacherKeyRefusedException(String message) {
    super(message);
  }
}
