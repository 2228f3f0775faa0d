package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.logprob.LogprobsFile;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that asks its teacher for top-k logprobs stores them beside the records, once each. */
class GenerationLogprobsIT {
  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path recipe;
  private Path seeds;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(r -> {
      int seed = r.body().path("seed").asInt();
      return FakeTeacherServer.logprobs(List.of("1", ".", " to", " do", " thing", " " + seed,
          "\n", "2", ".", " to", " be", " common", "\n"), r.body().path("top_logprobs").asInt());
    });
    recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)
        .replace("seed: 1}", "seed: 1, logprobs: 3}"));
    seeds = dir.resolve("seeds.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"event\": \"PersonX does chore " + i + "\"}");
    }
    Files.write(seeds, lines);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void run(Path out) {
    GenerationSettings s = RunFixtures.settings(recipe, seeds, server.baseUrl(), out, 4);
    Teacher teacher = new ChatModelFactory(env -> null).teacher(s.teacher());
    new GenerationRun(s, teacher, null).run();
  }

  private static List<CorpusRecord> records(Path out) {
    try (JsonLinesReader<CorpusRecord> r =
        JsonLinesReader.open(out.resolve(RunFolder.GENERATED), CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).toList();
    }
  }

  @Test
  void everyRecordFindsItsRepliesLogprobsAndEachReplyIsStoredOnce() throws IOException {
    Path out = dir.resolve("run");
    run(out);
    List<CorpusRecord> records = records(out);
    LogprobsFile file = LogprobsFile.read(out.resolve(RunFolder.LOGPROBS));
    Set<String> requests = new HashSet<>();
    for (CorpusRecord r : records) {
      requests.add(r.provenance().requestHash());
      assertThat(r.provenance().sampling().logprobs()).isEqualTo(3);
      TokenLogprobs lp = file.line(r.provenance().requestHash()).logprobs();
      assertThat(lp.k()).isEqualTo(3);
      assertThat(lp.positions()).isEqualTo(13);
      assertThat(lp.alternative(2, 1).text()).isEqualTo(" to~1");
    }
    // 12 seeds x 2 relations x 2 samples, every reply usable.
    assertThat(requests).hasSize(48);
    assertThat(Files.readAllLines(out.resolve(RunFolder.LOGPROBS))).hasSize(48);
  }

  @Test
  void aResumeAfterACutOffWriteAddsTheMissingLinesAndRepeatsNone() throws IOException {
    Path out = dir.resolve("run");
    run(out);
    List<String> whole = Files.readAllLines(out.resolve(RunFolder.LOGPROBS));
    List<String> generated = Files.readAllLines(out.resolve(RunFolder.GENERATED));
    int asked = server.received().size();
    // As a kill -9 leaves it: groups not yet marked, their last lines missing or torn.
    List<String> completed = Files.readAllLines(out.resolve(RunFolder.COMPLETED));
    Files.write(out.resolve(RunFolder.COMPLETED), completed.subList(0, completed.size() / 2));
    Files.write(out.resolve(RunFolder.GENERATED), generated.subList(0, generated.size() * 3 / 4));
    List<String> kept = new ArrayList<>(whole.subList(0, whole.size() * 2 / 3));
    Files.writeString(out.resolve(RunFolder.LOGPROBS), String.join("\n", kept) + "\n"
        + whole.get(kept.size()).substring(0, 40));

    run(out);
    assertThat(server.received()).hasSize(asked);
    assertThat(Files.readAllLines(out.resolve(RunFolder.LOGPROBS)))
        .containsExactlyInAnyOrderElementsOf(whole);
    assertThat(records(out).stream().map(r -> r.provenance().requestHash() + "|" + r.id()))
        .doesNotHaveDuplicates().hasSize(generated.size());
  }
}
