package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

/**
 * The provider's own synchronous client used as a codec, over an HTTP client that never touches
 * the network: asked to send a request, it hands over the body it would have posted; asked
 * again with a stored response body, it reads that body exactly as it reads a live reply. So a
 * batched request is the very request {@code distill generate} sends without {@code --batch}
 * (sampling, seed, reply schema, log-probabilities, the provider's defaults such as Anthropic's
 * {@code max_tokens}), and a batched reply becomes the very {@link TeacherReply} (text, finish
 * reason, usage, log-probabilities) a synchronous one does; nothing of either wire format is
 * written twice.
 *
 * <p>One conversion at a time (the methods are synchronized): the client is used on the
 * calling thread, and a batch is converted by one thread.
 */
final class WireCodec {
  private final Loopback loopback = new Loopback();
  private final Teacher teacher;

  WireCodec(ProviderSetup setup) {
    this.teacher = ChatModelFactory.teacher(setup.withHttp(() -> loopback));
  }

  /**
   * The JSON body the synchronous client posts for {@code request}, without {@code stream}
   * (batch endpoints answer whole replies only; the default is the same).
   */
  synchronized ObjectNode body(TeacherRequest request) {
    loopback.answer = null;
    loopback.captured = null;
    try {
      teacher.ask(request);
    } catch (RuntimeException expected) {
      if (loopback.captured == null) {
        throw new IllegalStateException("the teacher client wrote no request: " + expected,
            expected);
      }
    }
    if (loopback.captured == null) {
      throw new IllegalStateException("the teacher client wrote no request");
    }
    try {
      JsonNode body = CorpusJson.json().readTree(loopback.captured);
      if (!(body instanceof ObjectNode object)) {
        throw new IllegalStateException("the teacher client wrote a request that is no JSON"
            + " object");
      }
      object.remove("stream");
      return object;
    } catch (IOException e) {
      throw new IllegalStateException("the teacher client wrote a request that is no JSON: "
          + e.getMessage(), e);
    }
  }

  /**
   * The reply the synchronous client makes of {@code responseBody}, a successful response to a
   * request with {@code sampling} (whose {@code logprobs} decide whether they are read).
   *
   * @throws RuntimeException when the body is not a reply the client can read
   */
  synchronized TeacherReply reply(Sampling sampling, String responseBody) {
    loopback.answer = responseBody;
    try {
      // The messages do not matter: the loopback answers with the stored body whatever is asked.
      return teacher.ask(new TeacherRequest(List.of(ChatTurn.user("batch result")), sampling, 0,
          0));
    } finally {
      loopback.answer = null;
    }
  }

  /** Thrown by the loopback to stop the client once its request body is captured. */
  private static final class Captured extends RuntimeException {
    Captured() {
      super("request captured for a batch", null, false, false);
    }
  }

  /** An HTTP client and its builder in one: captures bodies, or answers with a stored one. */
  private static final class Loopback implements HttpClient, HttpClientBuilder {
    private String answer;
    private String captured;

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
      if (answer == null) {
        captured = request.body();
        throw new Captured();
      }
      return SuccessfulHttpResponse.builder().statusCode(200)
          .headers(Map.of("content-type", List.of("application/json")))
          .body(answer).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser,
        ServerSentEventListener listener) {
      throw new UnsupportedOperationException("batch requests are never streamed");
    }

    @Override
    public Duration connectTimeout() {
      return Duration.ZERO;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      return this;
    }

    @Override
    public Duration readTimeout() {
      return Duration.ZERO;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      return this;
    }

    @Override
    public HttpClient build() {
      return this;
    }
  }
}
