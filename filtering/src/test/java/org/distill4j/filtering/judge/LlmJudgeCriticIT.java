package org.distill4j.filtering.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.triple;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.Fixtures;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.filtering.stage.Stage;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.TeacherConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge against a real OpenAI-compatible HTTP server on 127.0.0.1, through the generation
 * module's teacher, runner and reply cache, with the rubric from prompts/critics.
 */
class LlmJudgeCriticIT {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String reply = body.contains("generous") ? "Kind and specific.\\nScore: 5"
          : body.contains("purple") ? "I cannot rate this." : "On a scale of 0 to 3, I rate this 1";
      byte[] out = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,"
          + "\"model\":\"judge-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"" + reply + "\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":5,\"total_tokens\":55}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Funnel run(Path in, Path out, JudgeRubric rubric) {
    TeacherConfig config = new TeacherConfig("openai", "judge-1",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "JUDGE_KEY", 10.0);
    try (ReplyCache cache = ReplyCache.open(dir.resolve("cache"));
        BatchRunner runner = new BatchRunner(new ChatModelFactory(k -> "test-key").teacher(config),
            config.id(), cache, RunnerSettings.of(2))) {
      return new FilterRun(List.of(new Stage.Streaming("judge", "judge",
          new LlmJudgeCritic(runner, rubric, 4))), 8).run(in, out);
    }
  }

  @Test
  void scoresThroughTheRunnerRejectsUnreadableRepliesAndRerunsFromCache() {
    JudgeRubric rubric = JudgeRubric.read(Path.of("../prompts/critics/llm-judge.yaml"));
    Path in = Fixtures.write(dir.resolve("in.jsonl"), List.of(
        triple("PersonX shares lunch", "xAttr", "generous"),
        triple("PersonX shares lunch", "xAttr", "purple"),
        triple("PersonX shares lunch", "xWant", "to eat")));
    Funnel f = run(in, dir.resolve("out"), rubric);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(f.kept()).isEqualTo(1);
    List<CorpusRecord> kept = Fixtures.read(dir.resolve("out/kept.jsonl"));
    assertThat(kept.get(0).scores()).containsEntry("judge", 5.0);
    List<CorpusRecord> rejected = Fixtures.read(dir.resolve("out/rejected.jsonl"));
    assertThat(rejected).extracting(r -> r.rejection().reason()).containsExactlyInAnyOrder(
        "judge reply has no usable score (no score found in the reply): \"I cannot rate this.\"",
        "judge score 2.33 below 4.00");

    Funnel again = run(in, dir.resolve("out2"), rubric);
    assertThat(requests.get()).as("a rerun is served from the reply cache").isEqualTo(3);
    assertThat(again.kept()).isEqualTo(1);
  }

  @Test
  void rubricRendersTheItemIntoThePrompt() {
    JudgeRubric rubric = JudgeRubric.read(Path.of("../prompts/critics/llm-judge.yaml"));
    var turns = rubric.messages(triple("PersonX shares lunch", "xAttr", "generous").knowledge());
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).text()).contains("Item: PersonX shares lunch so PersonX is seen as"
        + " generous").contains("(xAttr): generous").doesNotContain("{{");
  }
}
