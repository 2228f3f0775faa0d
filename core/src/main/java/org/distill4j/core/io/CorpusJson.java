package org.distill4j.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson mappers every module uses, configured once: strict about unknown fields and
 * trailing garbage (so a typo is an error, not a silently ignored field), ISO-8601 times, nulls
 * left out.
 */
public final class CorpusJson {
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  // Settings are typed by hand: 1.5 where a count belongs is a mistake to report, not to round.
  private static final ObjectMapper YAML = configure(YAMLMapper.builder().build())
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private CorpusJson() {}

  /** The shared JSON mapper; thread-safe once configured, do not reconfigure it. */
  public static ObjectMapper json() {
    return JSON;
  }

  /** The shared YAML mapper for recipes, filter chains and pipeline configs. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }
}
