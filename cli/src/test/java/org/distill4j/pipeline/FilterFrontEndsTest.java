package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.filtering.chain.FilterOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code distill filter} and the pipeline's filter stage are two front ends of one run: on the same
 * input and chain they leave the same output folder, side files included. (In the pipeline's
 * package, in the cli module, so that it can drive both.)
 */
class FilterFrontEndsTest {
  @TempDir Path dir;

  private static CorpusRecord triple(String head, String rel, String tail) {
    return CorpusRecord.of(new CommonsenseTriple(head, rel, tail), Provenance.unknown());
  }

  private Path corpus() throws Exception {
    Path in = dir.resolve("generated.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(in)) {
      List.of(triple("PersonX eats", "xIntent", "to be full"),
          triple("PersonX eats", "xIntent", "to be full!"),
          triple("PersonX eats", "xAttr", "a person who is hungry all day"),
          triple("PersonX eats", "xAttr", "hungry"),
          triple("PersonX naps", "xEffect", "feels rested after a long nap"),
          triple("PersonX naps", "xEffect", "feels rested after a long nap today"))
          .forEach(w::write);
    }
    Files.writeString(in, "{\"knowledge\":{\"kind\":\"triple\"}}\n",
        java.nio.file.StandardOpenOption.APPEND);
    return in;
  }

  private static Map<String, String> folder(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : all.toList()) {
        String text = Files.readString(p);
        files.put(p.getFileName().toString(), text.replace(dir.getParent().toString(), "RUN"));
      }
    }
    return files;
  }

  @Test
  void cliAndPipelineLeaveTheSameOutputFolder() throws Exception {
    Path in = corpus();
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, """
        batch_size: 2
        filters:
          - type: kind
          - type: exact-dedup
          - type: near-dedup
            threshold: 0.5
          - type: length
            max_words: 6
        """);
    Path cliOut = dir.resolve("cli").resolve("filtered");
    CommandRun run = CommandRun.of("filter", "--in", in.toString(), "--filters",
        chain.toString(), "--out", cliOut.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    Path pipeOut = dir.resolve("pipe").resolve("filtered");
    new FilterStage(new PipelineConfig.Filter(chain), in, pipeOut).run();

    Map<String, String> fromCli = folder(cliOut);
    assertThat(fromCli.keySet()).containsExactlyInAnyOrderElementsOf(FilterOutputs.ALL);
    assertThat(fromCli.get(FilterOutputs.REJECTED)).isNotEmpty();
    assertThat(fromCli.get(FilterOutputs.INVALID)).isNotEmpty();
    assertThat(folder(pipeOut)).isEqualTo(fromCli);
  }

  @Test
  void eachFrontEndNamesABadSettingItsOwnWay() throws Exception {
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "filters:\n  - type: length\n");
    Path missing = dir.resolve("absent.jsonl");
    CommandRun run = CommandRun.of("filter", "--in", missing.toString(), "--filters",
        chain.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(missing + ": --in file not found");

    assertThatThrownBy(() -> new FilterStage(new PipelineConfig.Filter(chain), missing,
        dir.resolve("filtered")).run()).isInstanceOf(InputException.class)
        .hasMessage(missing + ": the generated corpus file not found");
  }
}
