package org.distill4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.generation.run.TeacherKeyRefusedException;
import org.distill4j.teacher.SuppliedTeacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation stage with a LangChain4j model the caller built, against 127.0.0.1. */
class GenerationWithChatModelIT {
  private static final String RECIPE = """
      id: chat-model-test
      version: "1"
      kind: triple
      inputs: [event]
      expand:
        - {relation: xIntent, question: "Why?"}
      system: Answer with a numbered list.
      user: |
        Event: {{event}}
        Question: {{question}}
      sampling: {n: 1, temperature: 0.9, max_tokens: 60, seed: 5}
      output:
        format: lines
        fields: {head: "{{event}}", relation: "{{relation}}", tail: "{{item}}"}
      """;

  @TempDir Path dir;
  private FakeTeacherServer server;
  private GenerationJob job;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to rest\n2. to eat\n"));
    Path recipe = Files.writeString(dir.resolve("recipe.yaml"), RECIPE);
    Path seeds = Files.write(dir.resolve("events.txt"),
        List.of("PersonX naps", "PersonX cooks", "PersonX swims"));
    job = GenerationJob.builder(recipe, seeds, dir.resolve("run")).fields("event=0")
        .concurrency(2).maxAttempts(2).build();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private OpenAiChatModel model() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-secret")
        .modelName("qwen-test").maxRetries(0).build();
  }

  private List<CorpusRecord> records() {
    try (var r = JsonLinesReader.open(new Generation.Outputs(job.outDir()).generated(),
        CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).toList();
    }
  }

  @Test
  void aModelTheCallerBuiltWritesRecordsCreditedToItsLabelAndARerunSendsNothing()
      throws IOException {
    RunManifest first = new Generation().run(job, model());

    assertThat(first.status()).isEqualTo("complete");
    assertThat(first.counts().requests()).isEqualTo(3);
    assertThat(first.counts().records()).isEqualTo(6);
    assertThat(records()).allSatisfy(r -> {
      assertThat(r.provenance().teacherProvider()).isEqualTo("openai");
      assertThat(r.provenance().teacherModel()).isEqualTo("qwen-test");
    });
    assertThat(server.received()).hasSize(3);
    // The manifest names the label only; the key lives in the caller's model.
    String manifest = Files.readString(new Generation.Outputs(job.outDir()).manifest());
    assertThat(CorpusJson.json().readTree(manifest).path("teacher").path("provider").asText())
        .isEqualTo("openai");
    assertThat(manifest).doesNotContain("sk-test-secret");

    RunManifest again = new Generation().run(job, model());
    assertThat(again.teacherCalls().requestsSent()).isZero();
    assertThat(server.received()).hasSize(3);
    assertThat(records()).hasSize(6);
  }

  @Test
  void aLabelOfTheCallersOwnKeysTheCacheAndProvenance() {
    SuppliedTeacher labelled = SuppliedTeacher.of(model(), "vllm", "Qwen2.5-7B-Instruct");

    new Generation().run(job, labelled, ProgressListener.none());

    assertThat(records()).hasSize(6).allSatisfy(r ->
        assertThat(r.provenance().teacherProvider()).isEqualTo("vllm"));
  }

  @Test
  void aJobWithATeacherConfigAndAChatModelIsRefusedBeforeAnythingIsSent() {
    GenerationJob both = GenerationJob.builder(job.recipe(), job.seeds(), job.outDir())
        .fields("event=0").teacher(new TeacherConfig("ollama", "llama3.2", null, null, null))
        .build();

    assertThatThrownBy(() -> new Generation().run(both, model()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give one of them");
    assertThat(server.received()).isEmpty();
    assertThat(job.outDir()).doesNotExist();
  }

  @Test
  void aRefusedKeyStopsTheRunNamingTheModelNotAnEnvironmentVariable() {
    server.script(r -> new FakeTeacherServer.Reply.Error(401, Map.of(), null));

    assertThatThrownBy(() -> new Generation().run(job, model()))
        .isInstanceOf(TeacherKeyRefusedException.class)
        .hasMessageContaining("openai/qwen-test refused the credentials its ChatModel was built")
        .hasMessageNotContaining("OPENAI_API_KEY");
  }
}
