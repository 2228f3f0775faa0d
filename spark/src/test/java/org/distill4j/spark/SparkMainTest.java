package org.distill4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The spark-submit entry point, run as {@code java} with {@code --master local[2]}. */
class SparkMainTest {
  @TempDir Path dir;

  @Test
  void dedupRunsAChainFileAndWritesKeptAndFunnel() throws IOException {
    Path in = dir.resolve("in.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(in)) {
      for (String tail : List.of("to rest at home", "To rest at home.", "to see a friend")) {
        w.write(CorpusRecord.of(new CommonsenseTriple("PersonX is tired", "xWant", tail),
            Provenance.unknown()));
      }
    }
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, "filters:\n  - type: exact-dedup\n");

    int code = SparkMain.commandLine().execute("dedup", "--master", "local[2]",
        "--chain", chain.toString(), "--in", in.toString(), "--out", dir.resolve("out").toString());

    assertThat(code).isZero();
    assertThat(Files.readAllLines(dir.resolve("out/kept.jsonl"))).hasSize(2);
    assertThat(Files.readString(dir.resolve("out/funnel.json"))).contains("\"kept\" : 2");
  }

  @Test
  void aMissingInputIsOneLineAndExitTwo() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = SparkMain.commandLine();
    cli.setErr(new java.io.PrintWriter(err, true));
    int code = cli.execute("filter", "--chain", "chain.yaml", "--in",
        dir.resolve("absent.jsonl").toString(), "--out", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("absent.jsonl")
        .doesNotContain("\tat ");
  }

  @Test
  void generateRefusesMissingFlagsWithUsage() {
    int code = SparkMain.commandLine().execute("generate", "--recipe", "r.yaml");
    assertThat(code).isEqualTo(2);
  }
}
