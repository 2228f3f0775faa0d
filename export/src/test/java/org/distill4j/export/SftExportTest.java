package org.distill4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.export.split.SplitPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftExportTest {
  @TempDir Path dir;

  private Path corpus() {
    return Fixtures.corpus(dir.resolve("kept.jsonl"), Fixtures.generatedTriple(),
        Fixtures.rationale(), Fixtures.comparative(), Fixtures.qa("Who wrote it?",
            "Ann wrote it."), Fixtures.qa("Who?", null));
  }

  private List<String> export(ExportFormat format, String system) throws Exception {
    Path out = dir.resolve(format.id() + ".jsonl");
    CorpusExport.run(ExportSettings.builder(corpus(), format, out).system(system)
        .overwrite(true).build());
    return Files.readAllLines(out);
  }

  @Test
  void chatLinesAreTheStudentsPairsWithTheTaskAsSystemTurn() throws Exception {
    assertThat(export(ExportFormat.CHAT, null)).containsExactly(
        "{\"id\":\"row-17\",\"messages\":[{\"role\":\"system\",\"content\":\"The input is an"
            + " everyday event followed by a commonsense relation (ATOMIC style, such as xIntent,"
            + " xNeed or xEffect). Write the inference that completes it.\"},{\"role\":\"user\","
            + "\"content\":\"PersonX pays the bill xIntent\"},{\"role\":\"assistant\","
            + "\"content\":\"to be generous\"}]}",
        "{\"id\":\"q-1\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer the question."
            + " Reason step by step, then end with \\\"So the answer is\\\" and the answer.\"},"
            + "{\"role\":\"user\",\"content\":\"Where is ink kept? (a) pen (b) sky\"},"
            + "{\"role\":\"assistant\",\"content\":\"Ink is in pens. Pens hold it. So the answer"
            + " is pen.\"}]}",
        "{\"id\":null,\"messages\":[{\"role\":\"system\",\"content\":\"The input names two things"
            + " separated by \\\";\\\". Write one true statement comparing them.\"},"
            + "{\"role\":\"user\",\"content\":\"steel ; foam\"},{\"role\":\"assistant\","
            + "\"content\":\"steel is not heavier than foam\"}]}",
        "{\"id\":null,\"messages\":[{\"role\":\"system\",\"content\":\"Answer the question from"
            + " the passage that precedes it.\"},{\"role\":\"user\",\"content\":\"Ann wrote it."
            + " Question: Who wrote it?\"},{\"role\":\"assistant\",\"content\":\"Ann\"}]}",
        "{\"id\":null,\"messages\":[{\"role\":\"system\",\"content\":\"Answer the question.\"},"
            + "{\"role\":\"user\",\"content\":\"Who?\"},{\"role\":\"assistant\","
            + "\"content\":\"Ann\"}]}");
  }

  @Test
  void alpacaLinesCarryTheSamePairs() throws Exception {
    assertThat(export(ExportFormat.ALPACA, null)).containsExactly(
        "{\"id\":\"row-17\",\"instruction\":\"The input is an everyday event followed by a"
            + " commonsense relation (ATOMIC style, such as xIntent, xNeed or xEffect). Write the"
            + " inference that completes it.\",\"input\":\"PersonX pays the bill xIntent\","
            + "\"output\":\"to be generous\"}",
        "{\"id\":\"q-1\",\"instruction\":\"Answer the question. Reason step by step, then end"
            + " with \\\"So the answer is\\\" and the answer.\",\"input\":\"Where is ink kept?"
            + " (a) pen (b) sky\",\"output\":\"Ink is in pens. Pens hold it. So the answer is"
            + " pen.\"}",
        "{\"id\":null,\"instruction\":\"The input names two things separated by \\\";\\\"."
            + " Write one true statement comparing them.\",\"input\":\"steel ; foam\","
            + "\"output\":\"steel is not heavier than foam\"}",
        "{\"id\":null,\"instruction\":\"Answer the question from the passage that precedes it.\","
            + "\"input\":\"Ann wrote it. Question: Who wrote it?\",\"output\":\"Ann\"}",
        "{\"id\":null,\"instruction\":\"Answer the question.\",\"input\":\"Who?\","
            + "\"output\":\"Ann\"}");
  }

  @Test
  void aGivenSystemTurnReplacesEveryTask() throws Exception {
    assertThat(export(ExportFormat.CHAT, "You are a careful assistant.")).allSatisfy(line ->
        assertThat(line).contains("{\"role\":\"system\",\"content\":\"You are a careful"
            + " assistant.\"}"));
  }

  @Test
  void splitsGoToOneFilePerSplitInAFolder() throws Exception {
    Path out = dir.resolve("sft");
    ExportReport report = CorpusExport.run(ExportSettings.builder(corpus(), ExportFormat.CHAT,
        out).split(SplitPlan.parse("train=0.5,validation=0.5")).splitSeed(3).build());
    long lines = 0;
    for (ExportReport.ExportedFile f : report.files()) {
      assertThat(f.path().toString()).isEqualTo(f.split() + ".jsonl");
      assertThat(Files.readAllLines(out.resolve(f.path()))).hasSize((int) f.rows());
      lines += f.rows();
    }
    assertThat(lines).isEqualTo(5);
    assertThatThrownBy(() -> CorpusExport.run(ExportSettings.builder(corpus(), ExportFormat.CHAT,
        dir.resolve("one.jsonl")).split(SplitPlan.parse("train=0.5,test=0.5")).build()))
        .isInstanceOf(InputException.class).hasMessageContaining("give a folder as --out");
  }
}
