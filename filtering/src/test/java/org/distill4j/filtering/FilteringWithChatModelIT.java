package org.distill4j.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.filtering.Fixtures.triple;

import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.FilterSettings;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filtering entry point with a judge whose model the caller built, against 127.0.0.1. */
class FilteringWithChatModelIT {
  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path chain;
  private Path in;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok(
        r.lastUser().contains("generous") ? "Specific and true.\nScore: 5" : "Vague.\nScore: 2"));
    Path rubric = Path.of("../prompts/critics/llm-judge.yaml").toAbsolutePath();
    chain = Files.writeString(dir.resolve("chain.yaml"), String.join("\n",
        "filters:",
        "  - type: length",
        "    max_words: 6",
        "  - type: judge",
        "    rubric: " + rubric,
        "    threshold: 4",
        ""));
    in = Fixtures.write(dir.resolve("in.jsonl"), List.of(
        triple("PersonX shares lunch", "xAttr", "generous"),
        triple("PersonX shares lunch", "xAttr", "nice"),
        triple("PersonX shares lunch", "xWant", "to eat a very large lunch with friends")));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private OpenAiChatModel judge() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("unused")
        .modelName("judge-model").maxRetries(0).build();
  }

  @Test
  void aJudgeWithoutATeacherEntryAsksTheModelGivenInCode() {
    Path out = dir.resolve("out");

    FilterRun.Outcome outcome = Filtering.run(FilterSettings.builder(chain, in, out)
        .judge(judge()).batchSize(2).build());

    assertThat(outcome.funnel().input()).isEqualTo(3);
    assertThat(outcome.funnel().kept()).isEqualTo(1);
    // The length stage dropped the long tail before the judge saw it: two requests.
    assertThat(server.received()).hasSize(2);
    assertThat(server.received()).allSatisfy(r ->
        assertThat(r.body().path("model").asText()).isEqualTo("judge-model"));
    Filtering.Outputs files = new Filtering.Outputs(out);
    List<CorpusRecord> kept = Fixtures.read(files.kept());
    assertThat(kept).singleElement().satisfies(r -> {
      assertThat(r.knowledge().text()).contains("generous");
      assertThat(r.scores()).containsEntry("judge", 5.0);
    });
    assertThat(Fixtures.read(files.rejected())).hasSize(2);
    assertThat(files.funnel()).isRegularFile();
    assertThat(files.diversity()).isRegularFile();
  }

  @Test
  void aJudgeWithNoTeacherAnywhereIsRefusedNamingBothPlaces() {
    FilterSettings settings = FilterSettings.of(chain, in, dir.resolve("out"));

    assertThatThrownBy(() -> Filtering.run(settings)).isInstanceOf(InputException.class)
        .hasMessageContaining("filter \"judge\"")
        .hasMessageContaining("or a ChatModel given to the run in code");
    assertThat(server.received()).isEmpty();
  }
}
