package org.distill4j.teacher.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.distill4j.teacher.testing.BatchTeacherServer.Fate;

/**
 * One job of the fake batch server: its requests by custom id, in progress for a few polls,
 * then ended with each request answered, errored or expired as the server's fate says.
 */
final class FakeBatchJob {
  private static final Pattern ANTHROPIC_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private final BatchTeacherServer server;
  private final String id;
  private final Map<String, JsonNode> requests;
  private int polls;
  private Map<String, Fate> fates;

  private FakeBatchJob(BatchTeacherServer server, String id, Map<String, JsonNode> requests) {
    this.server = server;
    this.id = id;
    this.requests = requests;
  }

  static ObjectNode createOpenAi(BatchTeacherServer server, JsonNode body, String id)
      throws IOException {
    byte[] file = server.files.get(body.path("input_file_id").asText());
    if (file == null) {
      throw new IllegalArgumentException("input_file_id: no such file");
    }
    if (!"/v1/chat/completions".equals(body.path("endpoint").asText())
        || !"24h".equals(body.path("completion_window").asText())) {
      throw new IllegalArgumentException("endpoint must be /v1/chat/completions and"
          + " completion_window 24h");
    }
    Map<String, JsonNode> requests = new LinkedHashMap<>();
    for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        JsonNode entry = BatchTeacherServer.JSON.readTree(line);
        requests.put(entry.path("custom_id").asText(), entry.path("body"));
      }
    }
    FakeBatchJob job = new FakeBatchJob(server, id, requests);
    server.jobs.put(id, job);
    return job.openAiObject("validating", null, null);
  }

  static ObjectNode createAnthropic(BatchTeacherServer server, JsonNode body, String id) {
    JsonNode list = body.path("requests");
    if (!list.isArray() || list.isEmpty() || list.size() > 100_000) {
      throw new IllegalArgumentException("requests: 1 to 100000 items expected");
    }
    Map<String, JsonNode> requests = new LinkedHashMap<>();
    for (JsonNode r : list) {
      String customId = r.path("custom_id").asText("");
      JsonNode params = r.path("params");
      if (!ANTHROPIC_ID.matcher(customId).matches() || requests.containsKey(customId)) {
        throw new IllegalArgumentException("custom_id \"" + customId + "\" is invalid or"
            + " repeated");
      }
      if (params.path("model").asText("").isEmpty() || !params.path("max_tokens").isInt()
          || !params.path("messages").isArray()) {
        throw new IllegalArgumentException("params of " + customId + " need model, max_tokens"
            + " and messages");
      }
      requests.put(customId, params);
    }
    FakeBatchJob job = new FakeBatchJob(server, id, requests);
    server.jobs.put(id, job);
    return job.anthropicObject("in_progress", null);
  }

  synchronized ObjectNode pollOpenAi() {
    if (++polls <= server.pollsBeforeEnd) {
      return openAiObject("in_progress", null, null);
    }
    end();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, JsonNode> r : requests.entrySet()) {
      ObjectNode line = BatchTeacherServer.JSON.createObjectNode();
      line.put("id", "batch_req_" + (++n)).put("custom_id", r.getKey());
      switch (fates.get(r.getKey())) {
        case ANSWER -> {
          ObjectNode response = line.putObject("response");
          response.put("status_code", 200).put("request_id", "req_" + n);
          response.set("body", server.chatReply(r.getValue()));
          line.putNull("error");
          out.append(line).append('\n');
        }
        case ERROR -> {
          ObjectNode response = line.putObject("response");
          response.put("status_code", 400).put("request_id", "req_" + n);
          response.putObject("body").putObject("error").put("message", "scripted refusal")
              .put("type", "invalid_request_error");
          line.putNull("error");
          err.append(line).append('\n');
        }
        case EXPIRE -> {
          line.putNull("response");
          line.putObject("error").put("code", "batch_expired").put("message", "This request"
              + " could not be executed before the completion window expired.");
          err.append(line).append('\n');
        }
      }
    }
    String outId = out.isEmpty() ? null : id + "-output";
    String errId = err.isEmpty() ? null : id + "-errors";
    if (outId != null) {
      server.files.put(outId, out.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (errId != null) {
      server.files.put(errId, err.toString().getBytes(StandardCharsets.UTF_8));
    }
    return openAiObject(fates.containsValue(Fate.EXPIRE) ? "expired" : "completed", outId,
        errId);
  }

  synchronized ObjectNode pollAnthropic(String baseUrl) {
    if (++polls <= server.pollsBeforeEnd) {
      return anthropicObject("in_progress", null);
    }
    end();
    return anthropicObject("ended", baseUrl + "/messages/batches/" + id + "/results");
  }

  synchronized String anthropicResults() {
    if (fates == null) {
      throw new IllegalArgumentException("batch " + id + " has not ended");
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, JsonNode> r : requests.entrySet()) {
      ObjectNode line = BatchTeacherServer.JSON.createObjectNode();
      line.put("custom_id", r.getKey());
      ObjectNode result = line.putObject("result");
      switch (fates.get(r.getKey())) {
        case ANSWER -> result.put("type", "succeeded")
            .set("message", server.chatReply(r.getValue()));
        case ERROR -> result.put("type", "errored").putObject("error").put("type", "error")
            .putObject("error").put("type", "invalid_request_error")
            .put("message", "scripted refusal");
        case EXPIRE -> result.put("type", "expired");
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private void end() {
    if (fates == null) {
      fates = new LinkedHashMap<>();
      requests.forEach((k, body) -> fates.put(k, server.fate.apply(body)));
    }
  }

  private long count(Fate fate) {
    return fates == null ? 0 : fates.values().stream().filter(f -> f == fate).count();
  }

  /** Requests done so far: all at the end, a share of them while in progress. */
  private long progressed() {
    return fates != null ? requests.size()
        : (long) requests.size() * polls / (server.pollsBeforeEnd + 1);
  }

  private ObjectNode openAiObject(String status, String outId, String errId) {
    ObjectNode job = BatchTeacherServer.JSON.createObjectNode();
    job.put("id", id).put("object", "batch").put("endpoint", "/v1/chat/completions")
        .put("completion_window", "24h").put("status", status);
    job.put("output_file_id", outId).put("error_file_id", errId);
    long failed = count(Fate.ERROR) + count(Fate.EXPIRE);
    job.putObject("request_counts").put("total", requests.size())
        .put("completed", fates == null ? progressed() : count(Fate.ANSWER))
        .put("failed", failed);
    return job;
  }

  private ObjectNode anthropicObject(String status, String resultsUrl) {
    ObjectNode job = BatchTeacherServer.JSON.createObjectNode();
    job.put("id", id).put("type", "message_batch").put("processing_status", status);
    long done = fates == null ? progressed() : count(Fate.ANSWER);
    job.putObject("request_counts").put("processing", fates == null
            ? requests.size() - done : 0)
        .put("succeeded", done).put("errored", count(Fate.ERROR)).put("canceled", 0)
        .put("expired", count(Fate.EXPIRE));
    job.put("results_url", resultsUrl);
    return job;
  }
}
