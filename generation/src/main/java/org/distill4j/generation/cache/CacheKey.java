package org.distill4j.generation.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.generation.teacher.ChatTurn;
import org.distill4j.generation.teacher.TeacherId;
import org.distill4j.generation.teacher.TeacherRequest;

/**
 * The reply-cache key of a request: SHA-256 of a canonical JSON document holding the provider,
 * model, messages, sampling parameters, sample index and re-ask variant. {@code max_tokens} is
 * deliberately left out: it is stored beside the reply instead, so that a reply that finished
 * normally stays valid when only the limit grows (see {@link CachedReply#servesLimit}).
 *
 * @param hex the 64-character key
 */
public record CacheKey(String hex) {
  public CacheKey {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException("a cache key is 64 hex characters, found " + hex);
    }
  }

  /** The key of {@code request} sent to {@code teacher}. */
  public static CacheKey of(TeacherId teacher, TeacherRequest request) {
    return new CacheKey(Sha256.hex(canonical(teacher, request)));
  }

  /** The canonical text that is hashed; fields in a fixed order, absent values left out. */
  static String canonical(TeacherId teacher, TeacherRequest request) {
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
    root.put("sample", request.sampleIndex());
    root.put("variant", request.variant());
    try {
      return CorpusJson.json().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}
