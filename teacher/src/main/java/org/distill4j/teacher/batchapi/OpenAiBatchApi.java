package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.TeacherRequest;

/**
 * OpenAI's Batch API, at any OpenAI-compatible base URL that implements it (vLLM does): the
 * entries are uploaded as a JSONL file ({@code POST /files}, purpose {@code batch}), a job is
 * created over it ({@code POST /batches}, endpoint {@code /v1/chat/completions}, window
 * {@code 24h}), polled ({@code GET /batches/ID}), and its {@code output_file_id} and
 * {@code error_file_id} are read ({@code GET /files/ID/content}).
 */
final class OpenAiBatchApi implements BatchApi {
  static final String ENDPOINT = "/v1/chat/completions";
  /** A job ends in one of these; the others ({@code validating} ...) still change. */
  private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

  private final String base;
  private final BatchHttp http;
  private final WireCodec codec;

  OpenAiBatchApi(ProviderSetup setup) {
    this.base = BatchApis.trimmed(setup.config().effectiveBaseUrl());
    // Local servers take any key or none; OpenAI refuses a missing one with 401, reported.
    String key = setup.optionalKey(null);
    this.http = new BatchHttp(setup.config().timeout(),
        key == null ? Map.of() : Map.of("Authorization", "Bearer " + key), setup.redactor());
    this.codec = new WireCodec(setup);
  }

  @Override
  public String provider() {
    return "openai";
  }

  @Override
  public int maxRequests() {
    return 50_000;
  }

  @Override
  public long maxBytes() {
    return 200_000_000L;
  }

  @Override
  public byte[] entry(String customId, TeacherRequest request) {
    ObjectNode line = CorpusJson.json().createObjectNode();
    line.put("custom_id", customId).put("method", "POST").put("url", ENDPOINT);
    line.set("body", codec.body(request));
    return BatchApis.bytes(line);
  }

  @Override
  public String upload(Path entries) {
    JsonNode file = http.postForm(URI.create(base + "/files"), new Multipart()
        .field("purpose", "batch").file("file", entries, "application/jsonl"));
    return BatchApis.text(file, "id", "/files");
  }

  @Override
  public String create(Path entries, String uploadedId) {
    ObjectNode body = CorpusJson.json().createObjectNode();
    body.put("input_file_id", uploadedId).put("endpoint", ENDPOINT)
        .put("completion_window", "24h");
    JsonNode job = http.postJson(URI.create(base + "/batches"),
        HttpRequest.BodyPublishers.ofByteArray(BatchApis.bytes(body)),
        BatchHttp.TRANSFER_TIMEOUT);
    return BatchApis.text(job, "id", "/batches");
  }

  @Override
  public JobState poll(String jobId) {
    JsonNode job = http.getJson(URI.create(base + "/batches/" + jobId));
    String status = BatchApis.text(job, "status", "/batches/" + jobId);
    JsonNode counts = job.path("request_counts");
    List<URI> downloads = new ArrayList<>();
    for (String field : List.of("output_file_id", "error_file_id")) {
      String id = job.path(field).asText("");
      if (!id.isEmpty() && !job.path(field).isNull()) {
        downloads.add(URI.create(base + "/files/" + id + "/content"));
      }
    }
    return new JobState(jobId, status, ENDED.contains(status), counts.path("total").asLong(),
        counts.path("completed").asLong(), counts.path("failed").asLong(), downloads,
        problem(job));
  }

  /** What {@code errors.data[].message} says of a job that failed validation. */
  private String problem(JsonNode job) {
    List<String> messages = new ArrayList<>();
    for (JsonNode e : job.path("errors").path("data")) {
      String where = e.path("line").isNumber() ? "line " + e.path("line").asInt() + ": " : "";
      messages.add(where + e.path("message").asText(e.toString()));
    }
    return messages.isEmpty() ? null : http.redactor().redact(String.join("; ", messages));
  }

  @Override
  public void results(JobState ended, Sampling sampling, Path scratch,
      Consumer<ItemResult> each) {
    ResultFiles.read(http, ended.downloads(), scratch, line -> result(line, sampling), each);
  }

  /** A line of the output or error file: a 200 with a chat completion, or why there is none. */
  private ItemResult result(JsonNode line, Sampling sampling) {
    String id = BatchApis.text(line, "custom_id", "a result line");
    JsonNode response = line.path("response");
    int status = response.path("status_code").asInt(0);
    if (status == 200 && response.path("body").isObject()) {
      return new ItemResult.Answered(id, codec.reply(sampling, response.path("body").toString()));
    }
    JsonNode error = line.path("error");
    String reason;
    if (error.isObject()) {
      reason = error.path("code").asText("error") + ": " + error.path("message").asText("");
    } else {
      JsonNode body = response.path("body").path("error");
      reason = "HTTP " + status + ": " + body.path("message").asText(response.path("body")
          .toString());
    }
    return new ItemResult.Failed(id, http.redactor().redact("batch: " + reason));
  }

  @Override
  public SecretRedactor redactor() {
    return http.redactor();
  }
}
