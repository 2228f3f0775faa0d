package org.distill4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example's {@code main} as a user would, the first against a loopback
 * OpenAI-compatible teacher, and checks what each left on disk. This module builds like a user's
 * project (the BOM, no distill4j parent), so its compiling is the BOM's test too.
 */
class ExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHAPE = Pattern.compile("e\\.g\\. ([^.\\n]+)\\.");

  @TempDir Path dir;

  /**
   * The teacher: two answers in the shape the recipe asks for (its example and a variant) and a
   * "none" that the chain's blocklist must drop, as a numbered list.
   */
  private static FakeTeacherServer.Reply answer(FakeTeacherServer.Received request) {
    Matcher shape = SHAPE.matcher(request.lastUser());
    String example = shape.find() ? shape.group(1).strip() : "to rest";
    return FakeTeacherServer.ok("1. " + example + "\n2. " + example + " again\n3. none\n");
  }

  @Test
  void generateAndFilterAsksTheTeacherOncePerPromptAndFiltersTheRecords() throws IOException {
    Path out = dir.resolve("ex1");
    try (FakeTeacherServer teacher = new FakeTeacherServer(ExamplesTest::answer)) {
      String[] args = {teacher.baseUrl(), "loopback-model", out.toString()};
      GenerateAndFilter.main(args);

      // 3 events x the recipe's 7 relations, one sample each; 3 items per reply.
      assertThat(teacher.received()).hasSize(21);
      assertThat(teacher.received()).allSatisfy(r ->
          assertThat(r.body().path("model").asText()).isEqualTo("loopback-model"));
      JsonNode funnel = JSON.readTree(out.resolve("filtered/funnel.json").toFile());
      assertThat(funnel.path("input").asLong()).isEqualTo(63);
      JsonNode blocklist = stage(funnel, "blocklist");
      assertThat(blocklist.path("in").asLong() - blocklist.path("out").asLong()).isEqualTo(21);
      long kept = funnel.path("kept").asLong();
      assertThat(kept).isBetween(1L, 42L);
      assertThat(lines(out.resolve("filtered/kept.jsonl"))).hasSize((int) kept);
      assertThat(lines(out.resolve("filtered/rejected.jsonl"))).hasSize((int) (63 - kept));
      assertThat(lines(out.resolve("run/generated.jsonl"))).hasSize(63)
          .allSatisfy(line -> assertThat(line).contains("\"teacherProvider\":\"openai\""));

      GenerateAndFilter.main(args);
      assertThat(teacher.received()).as("a rerun is answered from the reply cache").hasSize(21);
    }
  }

  @Test
  void queryKnowledgeBaseLoadsTheCorpusAndAnswersSparqlAndKeywordSearch() throws IOException {
    Path corpus = Repo.file("corpora/examples/mixed.jsonl");
    Path kb = dir.resolve("kb");
    QueryKnowledgeBase.main(new String[] {corpus.toString(), kb.toString()});

    // The same again on the folder main filled: nothing new, the same answers.
    QueryKnowledgeBase.Answers again = QueryKnowledgeBase.run(corpus, kb);
    assertThat(again.ingest().read()).isEqualTo(15);
    assertThat(again.ingest().unchanged()).isEqualTo(15);
    assertThat(again.kinds().rows()).extracting(r -> local(r.get("kind")) + "=" + r.get("n"))
        .containsExactly("CommonsenseTriple=8", "Comparative=3", "QaPair=2", "Rationale=2");
    assertThat(again.hits()).isNotEmpty();
    assertThat(again.hits().get(0).record().knowledge().text())
        .contains("PersonX bakes bread for the neighbours");
  }

  @Test
  void trainStudentWritesMetricsAReportAndACheckpoint() throws IOException {
    Path out = dir.resolve("student");
    TrainStudent.main(new String[] {Repo.file("corpora/examples/mixed.jsonl").toString(),
        out.toString()});

    assertThat(lines(out.resolve("metrics.jsonl"))).hasSize(3);
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.path("epochs_run").asInt()).isEqualTo(3);
    assertThat(report.path("train_examples").asInt() + report.path("dev_examples").asInt())
        .isPositive();
    Path best = Path.of(report.path("best_checkpoint").asText());
    assertThat(best).isDirectory();
    try (Stream<Path> files = Files.list(best)) {
      assertThat(files.toList()).isNotEmpty();
    }
  }

  private static JsonNode stage(JsonNode funnel, String type) {
    for (JsonNode s : funnel.path("stages")) {
      if (s.path("type").asText().equals(type)) {
        return s;
      }
    }
    throw new AssertionError("no " + type + " stage in " + funnel);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }

  private static String local(String iri) {
    return iri.substring(iri.indexOf('#') + 1);
  }
}
