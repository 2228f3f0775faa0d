package org.distill4j.teacher;

import java.util.List;
import org.distill4j.core.corpus.Sampling;

/**
 * One call to a teacher: the messages, the sampling parameters and which sample this is. Asking
 * for n samples of a prompt means n requests with sample indices 0..n-1, which works on every
 * provider and caches each sample on its own.
 *
 * @param messages the prompt, at least one turn
 * @param sampling temperature, top-p, max tokens and seed; {@code n} is ignored here
 * @param sampleIndex which sample of the prompt, from 0
 * @param variant 0 for the first ask; k for the k-th re-ask after an unparseable reply, which
 *     varies the seed so that the teacher answers differently
 * @param replySchema the JSON shape to ask the server to enforce, or null for none
 */
public record TeacherRequest(
    List<ChatTurn> messages, Sampling sampling, int sampleIndex, int variant,
    ReplySchema replySchema) {

  /** A request without a reply schema. */
  public TeacherRequest(List<ChatTurn> messages, Sampling sampling, int sampleIndex, int variant) {
    this(messages, sampling, sampleIndex, variant, null);
  }

  public TeacherRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("a teacher request needs at least one message");
    }
    messages = List.copyOf(messages);
    sampling = sampling == null ? Sampling.defaults() : sampling;
    if (sampleIndex < 0 || variant < 0) {
      throw new IllegalArgumentException(
          "sample index and variant must be 0 or more, found " + sampleIndex + ", " + variant);
    }
  }

  /** A single request (sample 0, first ask). */
  public static TeacherRequest of(List<ChatTurn> messages, Sampling sampling) {
    return new TeacherRequest(messages, sampling, 0, 0);
  }

  /** The same prompt, asked again after an unusable reply. */
  public TeacherRequest reask(int nextVariant) {
    return new TeacherRequest(messages, sampling, sampleIndex, nextVariant, replySchema);
  }

  /**
   * The seed to send: the configured seed shifted by sample index and variant, so that samples
   * of one prompt differ yet a rerun reproduces each of them. Null when no seed is configured.
   */
  public Long effectiveSeed() {
    if (sampling.seed() == null) {
      return null;
    }
    return sampling.seed() + sampleIndex + 1_000_003L * variant;
  }
}
