package org.distill4j.teacher;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The HTTP client under every teacher: the JDK client with a hard per-request deadline, and error
 * statuses thrown as {@link RetryAfterHttpException} so the runner can honour {@code Retry-After}.
 * Streaming and multipart calls, which distill4j does not make, go to LangChain4j's JDK client.
 */
public final class TeacherHttpClient implements HttpClient {
  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final JdkHttpClient streaming;

  private TeacherHttpClient(Builder builder) {
    java.net.http.HttpClient.Builder jdk =
        java.net.http.HttpClient.newBuilder()
            // HTTP/1.1: local servers (vLLM, llama.cpp, Ollama) speak it; h2c upgrade only adds a
            // round trip.
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(builder.connectTimeout);
    this.http = jdk.build();
    this.readTimeout = builder.readTimeout;
    this.streaming =
        JdkHttpClient.builder()
            .httpClientBuilder(java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1))
            .connectTimeout(builder.connectTimeout)
            .readTimeout(builder.readTimeout)
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
      return streaming.execute(request);
    }
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    String body = request.body();
    switch (request.method()) {
      case GET -> b.GET();
      case DELETE -> b.DELETE();
      case POST -> b.POST(body == null
          ? java.net.http.HttpRequest.BodyPublishers.noBody()
          : java.net.http.HttpRequest.BodyPublishers.ofString(body));
      default -> throw new IllegalArgumentException("unsupported method " + request.method());
    }
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach " + URI.create(request.url()).getAuthority() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the teacher", e);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      Duration retryAfter =
          RetryAfterHttpException.parseRetryAfter(
              response.headers().firstValue("Retry-After").orElse(null),
              ZonedDateTime.now(ZoneOffset.UTC));
      throw new RetryAfterHttpException(status, response.body(), retryAfter);
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(status)
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    streaming.execute(request, parser, listener);
  }

  /** Builds a {@link TeacherHttpClient}; LangChain4j clients set the timeouts through it. */
  public static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        // A teacher that cannot be connected to within seconds is down; fail fast.
        connectTimeout = timeout.compareTo(Duration.ofSeconds(5)) > 0
            ? Duration.ofSeconds(5) : timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        readTimeout = timeout;
      }
      return this;
    }

    @Override
    public TeacherHttpClient build() {
      return new TeacherHttpClient(this);
    }
  }
}
