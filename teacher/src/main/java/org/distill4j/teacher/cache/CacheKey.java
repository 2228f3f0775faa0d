package org.distill4j.teacher.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherRequest;

/**
 * The reply-cache key of a request: SHA-256 of a canonical JSON document holding the provider,
 * model, messages, sampling parameters (the number of top log-probabilities among them, when
 * asked for), sample index, re-ask variant and reply schema (when the request has one).
 * {@code max_tokens} is deliberately left out: it is stored beside the reply instead, so that a reply that finished
 * normally stays valid when only the limit grows (see {@link CachedReply#servesLimit}).
 *
 * @param hex the 64-character key
 */
public record CacheKey(String hex) {
  public CacheKey {
    if (hex == null || hex.length() != 64 || !isLowerHex(hex)) {
      throw new IllegalArgumentException("a cache key is 64 lowercase hex characters, found " + hex);
    }
  }

  /** The key of {@code request} sent to {@code teacher}. */
  public static CacheKey of(TeacherId teacher, TeacherRequest request) {
    return new CacheKey(Sha256.hex(text(teacher, request)));
  }

  /**
   * The canonical text written directly: the same characters Jackson writes for {@link
   * #tree} (checked against it on random requests in the tests), without building a tree, a
   * generator and a writer for every request. Keys on users' disks depend on these characters.
   */
  private static String text(TeacherId teacher, TeacherRequest request) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"provider\":");
    quote(b, teacher.provider());
    b.append(",\"model\":");
    quote(b, teacher.model());
    b.append(",\"messages\":[");
    boolean first = true;
    for (ChatTurn t : request.messages()) {
      b.append(first ? "[" : ",[");
      first = false;
      quote(b, t.role().name().toLowerCase(java.util.Locale.ROOT));
      b.append(',');
      quote(b, t.text());
      b.append(']');
    }
    b.append("],\"sampling\":{");
    Sampling s = request.sampling();
    String sep = "";
    if (s.temperature() != null) {
      b.append("\"temperature\":");
      number(b, s.temperature());
      sep = ",";
    }
    if (s.topP() != null) {
      b.append(sep).append("\"top_p\":");
      number(b, s.topP());
      sep = ",";
    }
    if (s.seed() != null) {
      b.append(sep).append("\"seed\":").append(s.seed().longValue());
      sep = ",";
    }
    if (s.logprobs() != null) {
      b.append(sep).append("\"logprobs\":").append(s.logprobs().intValue());
    }
    b.append("},\"sample\":").append(request.sampleIndex())
        .append(",\"variant\":").append(request.variant());
    if (request.replySchema() != null) {
      b.append(",\"schema\":{\"name\":");
      quote(b, request.replySchema().name());
      b.append(",\"fields\":{");
      String comma = "";
      for (Map.Entry<String, String> f : request.replySchema().fields().entrySet()) {
        b.append(comma);
        quote(b, f.getKey());
        b.append(':');
        quote(b, f.getValue());
        comma = ",";
      }
      b.append("}}");
    }
    return b.append('}').toString();
  }

  /** As Jackson writes a double: plain when finite, else quoted (QUOTE_NON_NUMERIC_NUMBERS). */
  private static void number(StringBuilder b, double d) {
    if (Double.isFinite(d)) {
      b.append(Double.toString(d));
    } else {
      b.append('"').append(Double.toString(d)).append('"');
    }
  }

  private static void quote(StringBuilder b, String text) {
    b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }

  /**
   * The canonical text that is hashed, as its definition: Jackson's compact JSON of a tree with
   * the fields in a fixed order and absent values left out.
   */
  static String canonical(TeacherId teacher, TeacherRequest request) {
    try {
      return CorpusJson.json().writeValueAsString(tree(teacher, request));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode tree(TeacherId teacher, TeacherRequest request) {
    ObjectNode root = CorpusJson.json().createObjectNode();
    root.put("provider", teacher.provider());
    root.put("model", teacher.model());
    ArrayNode messages = root.putArray("messages");
    for (ChatTurn t : request.messages()) {
      messages.addArray().add(t.role().name().toLowerCase(java.util.Locale.ROOT)).add(t.text());
    }
    Sampling s = request.sampling();
    ObjectNode sampling = root.putObject("sampling");
    if (s.temperature() != null) {
      sampling.put("temperature", s.temperature());
    }
    if (s.topP() != null) {
      sampling.put("top_p", s.topP());
    }
    if (s.seed() != null) {
      sampling.put("seed", s.seed());
    }
    if (s.logprobs() != null) {
      // Absent when none are asked for, so those keys are what they always were; a reply with
      // top-5 log-probabilities does not answer a request for top-20.
      sampling.put("logprobs", s.logprobs());
    }
    root.put("sample", request.sampleIndex());
    root.put("variant", request.variant());
    if (request.replySchema() != null) {
      // Absent for requests without one, so their keys are what they always were.
      ObjectNode schema = root.putObject("schema");
      schema.put("name", request.replySchema().name());
      ObjectNode fields = schema.putObject("fields");
      request.replySchema().fields().forEach(fields::put);
    }
    return root;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return hex;
  }
}
