package org.distill4j.training.train;

import org.distill4j.core.logprob.LogprobsLine;

/**
 * Where an example's target sits in its teacher's reply: the target's tokens {@code [0, count)}
 * are the teacher's output tokens {@code teacherStart + i}, and are predicted by the student's
 * logits at {@code logitStart + i} (one before each token: logits at t predict token t + 1).
 *
 * @param line the teacher reply's stored log-probabilities (decoded per batch, so memory holds
 *     the compact form only)
 * @param teacherStart the reply position of the target's first token
 * @param logitStart the row position whose logits predict the target's first token
 * @param count how many tokens are aligned
 */
record TeacherSpan(LogprobsLine line, int teacherStart, int logitStart, int count) {
  TeacherSpan {
    if (line == null) {
      throw new IllegalArgumentException("field \"line\" is missing");
    }
    if (teacherStart < 0 || logitStart < 0 || count < 1) {
      throw new IllegalArgumentException("teacherStart and logitStart must be >= 0 and count"
          + " >= 1, found " + teacherStart + ", " + logitStart + ", " + count);
    }
  }
}
