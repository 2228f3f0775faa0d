package org.distill4j.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.distill4j.cli.CommandRun;
import org.distill4j.kb.ingest.KbLayout;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code distill kb ingest} and the pipeline's kb stage ({@code distill run} with only a kb
 * section) go through the same ingest: on the same input they leave the same store and the same
 * side files, rejects included.
 */
class KbIngestParityIT {
  @TempDir Path dir;

  private static String triple(String head, String rel, String tail, double critic) {
    return "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"" + head + "\",\"relation\":\"" + rel
        + "\",\"tail\":\"" + tail + "\"},\"provenance\":{\"teacherProvider\":\"ollama\","
        + "\"teacherModel\":\"llama3\"},\"scores\":{\"critic\":" + critic + "}}";
  }

  @Test
  void kbIngestAndThePipelineStageLeaveTheSameKnowledgeBase() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    // Without generate and filter stages the kb stage reads RUN/generated.jsonl; the cli reads
    // the same file, so rejects name the same file:line in both.
    Path corpus = run.resolve("generated.jsonl");
    Files.writeString(corpus, String.join("\n",
        triple("PersonX adopts a dog", "xIntent", "to have a companion", 0.9),
        triple("PersonX bakes bread", "xIntent", "to eat fresh food", 0.8),
        "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"Why adopt a dog?\","
            + "\"answer\":\"For company\"}}",
        "not json",
        "{\"knowledge\":{\"kind\":\"triple\"}}") + "\n");
    Path pipeline = dir.resolve("kb-only.yaml");
    Files.writeString(pipeline, "name: parity\nrun_dir: run\nkb: {vectors: false}\n");

    CommandRun staged = CommandRun.of("run", pipeline.toString(), "--progress", "none");
    assertThat(staged.exitCode()).as(staged.err() + staged.out()).isZero();
    Path cliKb = dir.resolve("cli-kb");
    CommandRun ingest = CommandRun.of("kb", "ingest", "--kb", cliKb.toString(), "--no-vectors",
        corpus.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();

    Path stageKb = run.resolve("kb");
    assertThat(files(stageKb)).isEqualTo(files(cliKb)).contains(KbLayout.REJECTED);
    assertThat(Files.readAllLines(stageKb.resolve(KbLayout.REJECTED)))
        .hasSize(2)
        .isEqualTo(Files.readAllLines(cliKb.resolve(KbLayout.REJECTED)));
    Map<String, String> stageRecords = records(stageKb);
    assertThat(stageRecords).hasSize(3).isEqualTo(records(cliKb));
    assertThat(quads(stageKb)).isEqualTo(quads(cliKb));
  }

  private static List<String> files(Path kb) throws Exception {
    try (Stream<Path> s = Files.list(kb)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<String, String> records(Path kb) {
    Map<String, String> out = new TreeMap<>();
    try (KnowledgeBase base = KnowledgeBase.open(kb, texts -> {
      throw new AssertionError("no vectors were asked for");
    })) {
      base.store().forEachRecord(out::put);
    }
    return out;
  }

  private static List<String> quads(Path kb) {
    try (KnowledgeBase base = KnowledgeBase.open(kb, texts -> {
      throw new AssertionError("no vectors were asked for");
    })) {
      return Txn.calculateRead(base.store().dataset(), () -> {
        List<String> all = new java.util.ArrayList<>();
        base.store().dataset().find().forEachRemaining((Quad q) -> all.add(q.toString()));
        all.sort(null);
        return all;
      });
    }
  }
}
