package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.logprob.TeacherToken;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.Outcome;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Top-k log-probabilities from an OpenAI-compatible server on 127.0.0.1, through the cache. */
class LogprobsTeacherIT {
  private static final List<String> TOKENS = List.of("The", " cat", " sat", " caf\u00e9", ".");
  @TempDir Path dir;
  private FakeTeacherServer server;
  private ReplyCache cache;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (cache != null) {
      cache.close();
    }
  }

  private TeacherConfig config() {
    return new TeacherConfig("openai", "test-model", server.baseUrl(), null, 5.0);
  }

  private static TeacherRequest request(Integer k) {
    return TeacherRequest.of(List.of(ChatTurn.user("say it")),
        new Sampling(null, 0.0, null, 50, 7L, k));
  }

  @Test
  void theRequestAsksForTopLogprobsAndTheReplyCarriesThem() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.logprobs(TOKENS, 3));
    TeacherReply reply = new ChatModelFactory(env -> null).teacher(config()).ask(request(3));
    assertThat(server.received().get(0).body().path("logprobs").asBoolean()).isTrue();
    assertThat(server.received().get(0).body().path("top_logprobs").asInt()).isEqualTo(3);
    TokenLogprobs lp = reply.logprobs();
    assertThat(lp.positions()).isEqualTo(5);
    assertThat(lp.token(3)).isEqualTo(TeacherToken.of(" caf\u00e9"));
    assertThat(lp.logprobs()[0]).isEqualTo(-0.1f);
    assertThat(lp.alternative(1, 2).text()).isEqualTo(" cat~2");
    assertThat(lp.alternativeLogprob(1, 2)).isEqualTo(-2.1f);
    assertThat(reply.text()).isEqualTo("The cat sat caf\u00e9.");
  }

  @Test
  void withoutLogprobsNoneAreAskedForAndNoneComeBack() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("plain"));
    TeacherReply reply = new ChatModelFactory(env -> null).teacher(config()).ask(request(null));
    assertThat(server.received().get(0).body().has("logprobs")).isFalse();
    assertThat(server.received().get(0).body().has("top_logprobs")).isFalse();
    assertThat(reply.logprobs()).isNull();
  }

  @Test
  void aServerThatIgnoresTheRequestFailsItWithWhatIsMissing() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("no logprobs here"));
    Teacher teacher = new ChatModelFactory(env -> null).teacher(config());
    assertThatThrownBy(() -> teacher.ask(request(5)))
        .hasMessageContaining("choices[0].logprobs.content")
        .hasMessageContaining("top_logprobs=5");
  }

  @Test
  void aCachedReplyKeepsItsLogprobsAndAnotherKIsAnotherRequest() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.logprobs(TOKENS,
        r.body().path("top_logprobs").asInt()));
    BatchRunner runner = runner();
    TeacherReply first = answered(runner, request(2));
    cache.close();
    cache = null;
    BatchRunner again = runner();
    TeacherReply cached = answered(again, request(2));
    assertThat(server.received()).hasSize(1);
    assertThat(cached.logprobs()).isEqualTo(first.logprobs());
    TeacherReply wider = answered(again, request(4));
    assertThat(server.received()).hasSize(2);
    assertThat(wider.logprobs().k()).isEqualTo(4);
  }

  private BatchRunner runner() {
    TeacherConfig config = config();
    cache = ReplyCache.open(dir.resolve("cache"));
    return new BatchRunner(new ChatModelFactory(env -> null).teacher(config), config.id(), cache,
        new RunnerSettings(2, 0, 0, new RetryPolicy(1, Duration.ofMillis(10),
            Duration.ofMillis(10), Duration.ofSeconds(5))));
  }

  private static TeacherReply answered(BatchRunner runner, TeacherRequest request) {
    Outcome o = runner.submit(request).join();
    assertThat(o).isInstanceOf(Outcome.Answered.class);
    return ((Outcome.Answered) o).reply();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ollama", "anthropic", "gemini"})
  void providersWithoutLogprobsRefuseTheSettingBeforeAnythingIsSent(String id) {
    Provider provider = Providers.byId(id);
    assertThatThrownBy(() -> provider.checkSampling(new Sampling(null, null, null, null, null, 5)))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("logprobs")
        .hasMessageContaining("\"" + id + "\" cannot return token log-probabilities");
    provider.checkSampling(new Sampling(null, null, null, null, null, 0));
    Providers.byId("openai").checkSampling(new Sampling(null, null, null, null, null, 20));
  }

  @Test
  void moreThanTwentyIsRefusedWithTheField() {
    assertThatThrownBy(() -> new Sampling(null, null, null, null, null, 21))
        .hasMessageContaining("field \"logprobs\" must be between 0 (off) and 20, found 21");
  }
}
