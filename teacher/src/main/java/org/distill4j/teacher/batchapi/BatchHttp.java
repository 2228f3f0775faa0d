package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.SecretRedactor;

/**
 * The JDK HTTP client as the batch endpoints need it: JSON in and out with the provider's
 * headers (the key among them, never logged), file transfers with a long deadline, and every
 * failure as a {@link BatchApiException} whose text has the key masked.
 */
final class BatchHttp {
  /** Uploads and downloads of up to a few hundred megabytes get this long. */
  static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);
  /** The most of an error body kept in a message. */
  private static final int ERROR_CHARS = 300;

  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final SecretRedactor redactor;

  /**
   * @param timeout the deadline of a JSON call (the teacher config's)
   * @param headers sent with every call: the key and the API version
   */
  BatchHttp(Duration timeout, Map<String, String> headers, SecretRedactor redactor) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.redactor = redactor;
  }

  SecretRedactor redactor() {
    return redactor;
  }

  JsonNode getJson(URI uri) {
    return json(uri, send(request(uri, timeout).GET().build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** Posts a JSON body (a string, or a stream of known length) and reads the JSON answer. */
  JsonNode postJson(URI uri, HttpRequest.BodyPublisher body, Duration deadline) {
    HttpRequest request = request(uri, deadline).header("Content-Type", "application/json")
        .POST(body).build();
    return json(uri, send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Posts a multipart form and reads the JSON answer. */
  JsonNode postForm(URI uri, Multipart form) {
    HttpRequest request = request(uri, TRANSFER_TIMEOUT)
        .header("Content-Type", form.contentType()).POST(form.publisher()).build();
    return json(uri, send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Saves what {@code uri} serves into {@code file} (whole or not at all). */
  void download(URI uri, Path file) {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    HttpResponse<Path> response = send(request(uri, TRANSFER_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofFile(part));
    try {
      if (response.statusCode() / 100 != 2) {
        String body = Files.readString(part, StandardCharsets.UTF_8);
        throw failure(uri, response.statusCode(), body);
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BatchApiException("cannot save " + uri.getPath() + " to " + file + ": "
          + e.getMessage(), 0, false);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // Only the partial file; the next download replaces it.
      }
    }
  }

  private HttpRequest.Builder request(URI uri, Duration deadline) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(deadline);
    headers.forEach(b::header);
    return b;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (HttpTimeoutException e) {
      throw new BatchApiException(request.method() + " " + request.uri().getPath()
          + " got no answer within " + request.timeout().map(Duration::toSeconds).orElse(0L)
          + " s", 0, true);
    } catch (IOException e) {
      throw new BatchApiException("cannot reach " + request.uri().getAuthority() + " ("
          + request.method() + " " + request.uri().getPath() + "): " + redactor.redact(
              String.valueOf(e.getMessage())), 0, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BatchApiException("interrupted while waiting for " + request.uri().getPath(),
          0, false);
    }
  }

  private JsonNode json(URI uri, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw failure(uri, response.statusCode(), response.body());
    }
    try {
      return CorpusJson.json().readTree(response.body());
    } catch (IOException e) {
      throw new BatchApiException(uri.getPath() + " answered with no JSON: "
          + shortened(response.body()), response.statusCode(), false);
    }
  }

  private BatchApiException failure(URI uri, int status, String body) {
    // 429 and 5xx pass; anything else (a bad key, a bad request) will not by waiting.
    boolean passes = status == 429 || status >= 500;
    return new BatchApiException(uri.getPath() + " answered HTTP " + status + ": "
        + shortened(body), status, passes);
  }

  private String shortened(String body) {
    String text = redactor.redact(body == null ? "" : body.strip());
    return text.length() > ERROR_CHARS ? text.substring(0, ERROR_CHARS) + "..." : text;
  }
}
