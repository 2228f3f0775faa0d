package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.TeacherRequest;

/**
 * Anthropic's Message Batches: the entries ({@code {custom_id, params}}) go in one
 * {@code POST /messages/batches} as {@code {"requests": [...]}}, the job is polled with
 * {@code GET /messages/batches/ID} until its {@code processing_status} is {@code ended}, and its
 * {@code results_url} serves one line per request whose {@code result.type} is
 * {@code succeeded} (with the message), {@code errored}, {@code canceled} or {@code expired}.
 */
final class AnthropicBatchApi implements BatchApi {
  /** The API version the synchronous client sends too. */
  static final String VERSION = "2023-06-01";

  private final String base;
  private final BatchHttp http;
  private final WireCodec codec;

  AnthropicBatchApi(ProviderSetup setup) {
    this.base = BatchApis.trimmed(setup.config().effectiveBaseUrl());
    this.http = new BatchHttp(setup.config().timeout(),
        Map.of("x-api-key", setup.requiredKey(), "anthropic-version", VERSION),
        setup.redactor());
    this.codec = new WireCodec(setup);
  }

  @Override
  public String provider() {
    return "anthropic";
  }

  @Override
  public int maxRequests() {
    return 100_000;
  }

  /** 256 MB for the whole body, less room for its wrapper and commas. */
  @Override
  public long maxBytes() {
    return 255_000_000L;
  }

  @Override
  public byte[] entry(String customId, TeacherRequest request) {
    ObjectNode line = CorpusJson.json().createObjectNode();
    line.put("custom_id", customId);
    line.set("params", codec.body(request));
    return BatchApis.bytes(line);
  }

  /** Anthropic takes no files: the entries go with {@link #create}. */
  @Override
  public String upload(Path entries) {
    return null;
  }

  @Override
  public String create(Path entries, String uploadedId) {
    JsonNode job = http.postJson(URI.create(base + "/messages/batches"), requestsBody(entries),
        BatchHttp.TRANSFER_TIMEOUT);
    return BatchApis.text(job, "id", "/messages/batches");
  }

  /**
   * {@code {"requests":[e1,e2,...]}} streamed from the file of entries: JSON writes no raw
   * newline inside a value, so each newline between entries becomes the comma between items.
   */
  private static HttpRequest.BodyPublisher requestsBody(Path entries) {
    byte[] head = "{\"requests\":[".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "]}".getBytes(StandardCharsets.UTF_8);
    long size;
    try {
      size = Files.size(entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the batch input " + entries, e);
    }
    return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
        () -> new SequenceInputStream(new java.io.ByteArrayInputStream(head),
            new SequenceInputStream(newlinesAsCommas(entries),
                new java.io.ByteArrayInputStream(tail)))), head.length + size + tail.length);
  }

  private static InputStream newlinesAsCommas(Path entries) {
    try {
      return new java.io.FilterInputStream(Files.newInputStream(entries)) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          return b == '\n' ? ',' : b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = super.read(buf, off, len);
          for (int i = off; i < off + Math.max(n, 0); i++) {
            if (buf[i] == '\n') {
              buf[i] = ',';
            }
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the batch input " + entries, e);
    }
  }

  @Override
  public JobState poll(String jobId) {
    JsonNode job = http.getJson(URI.create(base + "/messages/batches/" + jobId));
    String status = BatchApis.text(job, "processing_status", "/messages/batches/" + jobId);
    JsonNode c = job.path("request_counts");
    long failed = c.path("errored").asLong() + c.path("canceled").asLong()
        + c.path("expired").asLong();
    long succeeded = c.path("succeeded").asLong();
    List<URI> downloads = new ArrayList<>();
    String results = job.path("results_url").asText("");
    if ("ended".equals(status) && !results.isEmpty() && !job.path("results_url").isNull()) {
      downloads.add(URI.create(results));
    }
    return new JobState(jobId, status, "ended".equals(status),
        c.path("processing").asLong() + succeeded + failed, succeeded, failed, downloads, null);
  }

  @Override
  public void results(JobState ended, Sampling sampling, Path scratch,
      Consumer<ItemResult> each) {
    ResultFiles.read(http, ended.downloads(), scratch, line -> result(line, sampling), each);
  }

  private ItemResult result(JsonNode line, Sampling sampling) {
    String id = BatchApis.text(line, "custom_id", "a result line");
    JsonNode result = line.path("result");
    String type = result.path("type").asText("");
    if ("succeeded".equals(type) && result.path("message").isObject()) {
      return new ItemResult.Answered(id, codec.reply(sampling, result.path("message").toString()));
    }
    // errored: {"type":"errored","error":{"type":"error","error":{"type":..,"message":..}}}
    JsonNode error = result.path("error").path("error");
    String reason = "errored".equals(type)
        ? error.path("type").asText("error") + ": " + error.path("message").asText(
            result.path("error").toString())
        : (type.isEmpty() ? "no result type" : type);
    return new ItemResult.Failed(id, http.redactor().redact("batch: " + reason));
  }

  @Override
  public SecretRedactor redactor() {
    return http.redactor();
  }
}
