package org.distill4j.teacher.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.logprob.TeacherToken;
import org.distill4j.core.logprob.TokenLogprobs;

/**
 * Reads {@code choices[0].logprobs.content} of an OpenAI chat completion: per output token
 * {@code {token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}}. vLLM and llama.cpp's
 * server answer in the same shape. LangChain4j does not map these fields, so they are read from
 * the raw body the client keeps.
 */
public final class OpenAiLogprobs {
  private static final String CONTENT = "choices[0].logprobs.content";

  private OpenAiLogprobs() {}

  /**
   * The log-probabilities in a raw response body.
   *
   * @param k the {@code top_logprobs} the request asked for; more are cut, fewer are kept
   * @throws IllegalStateException naming the JSON path of what is missing or malformed
   */
  public static TokenLogprobs parse(String body, int k) {
    JsonNode root;
    try {
      root = CorpusJson.json().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the teacher's reply is not JSON: " + e.getMessage(), e);
    }
    JsonNode content = root.path("choices").path(0).path("logprobs").path("content");
    if (!content.isArray()) {
      throw new IllegalStateException("the teacher's reply has no " + CONTENT + " although the"
          + " request asked for top_logprobs=" + k + "; the server does not return"
          + " log-probabilities (vLLM, llama.cpp's llama-server and OpenAI do)");
    }
    TokenLogprobs.Builder b = TokenLogprobs.builder(k);
    for (int p = 0; p < content.size(); p++) {
      JsonNode entry = content.get(p);
      String at = CONTENT + "[" + p + "]";
      b.position(token(entry, at), logprob(entry, at));
      JsonNode top = entry.path("top_logprobs");
      if (!top.isArray() && !top.isMissingNode() && !top.isNull()) {
        throw new IllegalStateException(at + ".top_logprobs: expected a list, found " + top);
      }
      for (int j = 0; j < top.size(); j++) {
        String altAt = at + ".top_logprobs[" + j + "]";
        b.alternative(token(top.get(j), altAt), logprob(top.get(j), altAt));
      }
    }
    return b.build();
  }

  private static TeacherToken token(JsonNode entry, String at) {
    JsonNode token = entry.path("token");
    if (!token.isTextual()) {
      throw new IllegalStateException(at + ": field \"token\" must be a string, found "
          + (token.isMissingNode() ? "nothing" : token));
    }
    JsonNode bytes = entry.path("bytes");
    if (bytes.isMissingNode() || bytes.isNull()) {
      return TeacherToken.of(token.asText());
    }
    if (!bytes.isArray()) {
      throw new IllegalStateException(at + ": field \"bytes\" must be a list of 0..255, found "
          + bytes);
    }
    byte[] raw = new byte[bytes.size()];
    for (int i = 0; i < raw.length; i++) {
      JsonNode b = bytes.get(i);
      if (!b.canConvertToInt() || b.asInt() < 0 || b.asInt() > 255) {
        throw new IllegalStateException(at + ".bytes[" + i + "]: expected 0..255, found " + b);
      }
      raw[i] = (byte) b.asInt();
    }
    return new TeacherToken(token.asText(), raw);
  }

  private static double logprob(JsonNode entry, String at) {
    JsonNode lp = entry.path("logprob");
    if (lp.isNumber()) {
      return lp.asDouble();
    }
    // Python servers write -inf as the bare word or a string; both mean "impossible".
    if (lp.isTextual() && lp.asText().matches("-(inf|Infinity)")) {
      return Double.NEGATIVE_INFINITY;
    }
    throw new IllegalStateException(at + ": field \"logprob\" must be a number, found "
        + (lp.isMissingNode() ? "nothing" : lp));
  }
}
