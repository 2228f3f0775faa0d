package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.teacher.TeacherProbe;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on tiny data, with a teacher on loopback standing in for the real one. */
class PipelineIT {
  @TempDir Path dir;

  private static final Path RECIPE = Path.of("..", "prompts", "commonsense-atomic.yaml")
      .toAbsolutePath().normalize();

  private Path writePipeline(String baseUrl, boolean train) throws Exception {
    Files.writeString(dir.resolve("events.txt"),
        "PersonX bakes bread for the neighbours\nPersonX misses the last bus\n");
    Files.writeString(dir.resolve("filters.yaml"), """
        filters:
          - type: schema
          - type: length
            max_words: 12
          - type: exact-dedup
          - type: near-dedup
            threshold: 0.8
        """);
    Files.writeString(dir.resolve("student.yaml"), """
        student: generative
        train: unused.jsonl
        out: unused
        epochs: 2
        batch_size: 8
        vocabulary_size: 120
        model: {embedding: 16, heads: 2, layers: 1, hidden: 32, max_length: 32}
        evaluation: {limit: 4, max_new_tokens: 6}
        """);
    String yaml = """
        name: tiny-commonsense
        run_dir: run
        teacher: {provider: openai, model: fake-teacher, base_url: "%s", timeout_seconds: 5}
        generate:
          recipe: %s
          seeds: events.txt
          fields: [event=0]
          concurrency: 4
        filter: {chain: filters.yaml}
        kb: {vectors: false}
        %s
        prices: prices.yaml
        """.formatted(baseUrl, RECIPE, train ? "train: {config: student.yaml}" : "");
    Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: fake-teacher, input: 500, output: 1500}
        """);
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static List<CorpusRecord> read(Path file) {
    List<CorpusRecord> out = new ArrayList<>();
    try (var r = JsonLinesReader.open(file, CorpusRecord.class)) {
      r.forEach(out::add);
    }
    return out;
  }

  @Test
  void runsEveryStageThenResumesWithoutAskingTheTeacherAgain() throws Exception {
    try (FakeOpenAiTeacher teacher = new FakeOpenAiTeacher()) {
      PipelineConfig config = PipelineConfig.read(writePipeline(teacher.baseUrl(), true));
      List<String> events = new ArrayList<>();
      Pipeline.RunLayout run = new Pipeline(config, recording(events), ProgressListener.none(),
          line -> { }).run();

      // 2 seeds x 7 relations, one sample each.
      assertThat(teacher.requests()).isEqualTo(14);
      List<CorpusRecord> generated = read(run.generated());
      List<CorpusRecord> kept = read(run.kept());
      assertThat(generated).hasSizeGreaterThan(20);
      assertThat(kept).isNotEmpty().hasSizeLessThanOrEqualTo(generated.size());
      assertThat(kept).extracting(CorpusRecord::id).doesNotHaveDuplicates();
      assertThat(read(run.filtered().resolve("rejected.jsonl")))
          .allSatisfy(r -> assertThat(r.rejection()).isNotNull());
      try (KnowledgeBase kb = KnowledgeBase.open(run.kb())) {
        assertThat(kb.get(kept.get(0).id())).isPresent();
      }
      assertThat(run.train().resolve("metrics.jsonl")).isNotEmptyFile();
      String html = Files.readString(run.report());
      assertThat(html).contains("Filter funnel").contains("data:image/png;base64,")
          .contains("Price: openai/fake-teacher").contains(" USD").contains("Loss per epoch")
          .doesNotContain("has not run");
      assertThat(events).containsExactly("started generate", "finished generate",
          "started filter", "finished filter", "started kb", "finished kb", "started train",
          "finished train");

      events.clear();
      new Pipeline(config, recording(events), ProgressListener.none(), line -> { }).run();
      assertThat(teacher.requests()).isEqualTo(14);
      assertThat(events).containsExactly("skipped generate", "skipped filter", "skipped kb",
          "skipped train");
      assertThat(read(run.kept())).isEqualTo(kept);
    }
  }

  @Test
  void aChangedFilterChainRerunsFilterAndWhatFollowsButNotGeneration() throws Exception {
    try (FakeOpenAiTeacher teacher = new FakeOpenAiTeacher()) {
      Path file = writePipeline(teacher.baseUrl(), false);
      new Pipeline(PipelineConfig.read(file), PipelineListener.silent(),
          ProgressListener.none(), line -> { }).run();
      Files.writeString(dir.resolve("filters.yaml"), "filters:\n  - type: exact-dedup\n");
      List<String> events = new ArrayList<>();
      new Pipeline(PipelineConfig.read(file), recording(events), ProgressListener.none(),
          line -> { }).run();
      assertThat(events).containsExactly("skipped generate", "started filter",
          "finished filter", "started kb", "finished kb");
      assertThat(teacher.requests()).isEqualTo(14);
    }
  }

  @Test
  void afterAStageFailsARerunContinuesFromThatStage() throws Exception {
    try (FakeOpenAiTeacher teacher = new FakeOpenAiTeacher()) {
      Path file = writePipeline(teacher.baseUrl(), true);
      String good = Files.readString(dir.resolve("student.yaml"));
      // A student that cannot be built: training fails after generate, filter and kb finished.
      Files.writeString(dir.resolve("student.yaml"), good.replace("heads: 2", "heads: 3"));
      assertThatThrownBy(() -> new Pipeline(PipelineConfig.read(file),
          PipelineListener.silent(), ProgressListener.none(), line -> { }).run())
          .isInstanceOf(RuntimeException.class);
      Path run = PipelineConfig.read(file).runDir();
      assertThat(Files.readString(run.resolve("report.html"))).contains("Filter funnel")
          .contains("Training has not run");

      Files.writeString(dir.resolve("student.yaml"), good);
      List<String> events = new ArrayList<>();
      new Pipeline(PipelineConfig.read(file), recording(events), ProgressListener.none(),
          line -> { }).run();
      assertThat(events).containsExactly("skipped generate", "skipped filter", "skipped kb",
          "started train", "finished train");
      assertThat(teacher.requests()).isEqualTo(14);
    }
  }

  @Test
  void stopsWithinSecondsSayingHowToStartATeacherWhenNoneAnswers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PipelineConfig config = PipelineConfig.read(writePipeline("http://127.0.0.1:" + port + "/v1",
        false));
    long start = System.nanoTime();
    assertThatThrownBy(() -> new Pipeline(config, PipelineListener.silent(),
        ProgressListener.none(), line -> { }).run())
        .isInstanceOf(TeacherProbe.TeacherUnreachableException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    // The report still says what happened: nothing was generated.
    assertThat(Files.readString(config.runDir().resolve("report.html")))
        .contains("Generation has not run");
  }

  private static PipelineListener recording(List<String> events) {
    return new PipelineListener() {
      @Override
      public void started(String stage) {
        events.add("started " + stage);
      }

      @Override
      public void skipped(String stage) {
        events.add("skipped " + stage);
      }

      @Override
      public void finished(String stage, double seconds) {
        events.add("finished " + stage);
      }
    };
  }
}
