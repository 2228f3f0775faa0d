package org.distill4j.teacher;

import org.distill4j.core.logprob.TokenLogprobs;

/**
 * What a teacher answered to one request.
 *
 * @param text the reply text; null when the server sent no content
 * @param finish why generation stopped
 * @param inputTokens prompt tokens as reported by the server, or null when it did not say
 * @param outputTokens completion tokens as reported, or null when unknown
 * @param model the model name the server reported, or null
 * @param logprobs the top log-probabilities of the reply's tokens when the request asked for
 *     them ({@code sampling.logprobs}); else null
 */
public record TeacherReply(String text, Finish finish, Integer inputTokens, Integer outputTokens,
    String model, TokenLogprobs logprobs) {

  /** A reply without log-probabilities. */
  public TeacherReply(
      String text, Finish finish, Integer inputTokens, Integer outputTokens, String model) {
    this(text, finish, inputTokens, outputTokens, model, null);
  }

  /** Why the teacher stopped writing. */
  public enum Finish {
    /** The reply ended naturally. */
    STOP,
    /** The reply was cut at the max-tokens limit: incomplete. */
    LENGTH,
    /** The server withheld or cut the reply for content reasons. */
    CONTENT_FILTER,
    /** Another reason the server named (tool call etc.). */
    OTHER,
    /** The server did not say. */
    UNKNOWN
  }

  public TeacherReply {
    finish = finish == null ? Finish.UNKNOWN : finish;
  }

  /** The same reply with other text (e.g. a secret masked), keeping its logprobs. */
  public TeacherReply withText(String newText) {
    return new TeacherReply(newText, finish, inputTokens, outputTokens, model, logprobs);
  }

  /** True when the reply was cut at the token limit. */
  public boolean truncated() {
    return finish == Finish.LENGTH;
  }
}
