package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.SettingException;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherConfig;

/** The providers that have a batch endpoint, and the one way to reach it. */
public final class BatchApis {
  /** The providers with a batch endpoint, as {@code --teacher} names them. */
  public static final List<String> PROVIDERS = List.of("openai", "anthropic");

  private BatchApis() {}

  /**
   * Refuses a teacher without a batch endpoint, before anything is contacted.
   *
   * @param setting the setting that asked for the batch, for the message
   * @throws SettingException naming the providers that have one
   */
  public static void requireSupported(TeacherConfig config, String setting) {
    String id = config.providerKind().id();
    if (!PROVIDERS.contains(id)) {
      throw new SettingException(setting, "teacher \"" + id + "\" has no batch API; "
          + SettingException.NAME + " works with " + String.join(" and ", PROVIDERS)
          + " (openai: OpenAI or any OpenAI-compatible server with /v1/batches, such as vLLM);"
          + " leave it out to send the requests one by one");
    }
  }

  /**
   * The batch endpoint of the teacher a setup describes, at its base URL, with the key read the
   * way the teacher reads it.
   *
   * @param setting the setting that asked for the batch, for the refusal's message
   */
  public static BatchApi open(ProviderSetup setup, String setting) {
    requireSupported(setup.config(), setting);
    return switch (setup.config().providerKind().id()) {
      case "openai" -> new OpenAiBatchApi(setup);
      case "anthropic" -> new AnthropicBatchApi(setup);
      default -> throw new IllegalStateException("no batch API for " + setup.config().provider());
    };
  }

  /** The base URL without a trailing slash, so that paths can be appended. */
  static String trimmed(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return CorpusJson.json().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A text field the answer must have, or an error naming the call. */
  static String text(JsonNode answer, String field, String call) {
    JsonNode value = answer.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new BatchApiException(call + " answered without \"" + field + "\": "
          + shorten(answer.toString()), 0, false);
    }
    return value.asText();
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
