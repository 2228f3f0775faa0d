package org.distill4j.cli.filter;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill4j.cli.OptionRanges;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.filtering.chain.StagedOutput;
import org.distill4j.filtering.diversity.DiversityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a filter chain over a corpus and writes kept, rejected, the funnel and diversity. */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Stream the records of --in through the filter chain in --filters and write into --out:",
      "  kept.jsonl      records every filter kept, with each filter's verdict and scores",
      "  rejected.jsonl  each rejected record with the filter and the reason that rejected it",
      "  invalid.jsonl   input lines that are not valid records (file:line and problem)",
      "  funnel.json     records in and out of each filter, per kind and per relation",
      "  diversity.json  distinct-1/2 and unique ratio of the kept records, per relation",
      "",
      "Filter types (YAML `type:`): schema, length, blocklist, copy, kind, exact-dedup,"
          + " near-dedup, semantic-dedup, classifier, rationale-split, answer-check,"
          + " self-consistency, comparative-consistency, judge. rationale-split rewrites raw"
          + " teacher text (a worked solution ending in #### 42, A: 42, Answer: (B), \\boxed{42},"
          + " the answer is 42) into steps and a final answer, so put it before answer-check and"
          + " self-consistency. self-consistency and comparative-consistency see the whole corpus"
          + " before judging (the run spools records to disk for them); the others stream.",
      "",
      "One process per --out folder: a second command on it exits 1 at once, naming the first"
          + " one's PID."
    },
    footer = {"", "Example chain (filters.yaml):",
      "  filters:",
      "    - type: length",
      "      max_words: 12",
      "    - type: exact-dedup",
      "    - type: near-dedup",
      "      threshold: 0.8",
      "    - type: classifier",
      "      model: critic-model/",
      "",
      "  distill filter --in runs/r1/generated.jsonl --filters filters.yaml --out runs/r1/filtered"})
public final class FilterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "The corpus to filter (JSON Lines of records).")
  Path in;

  @Option(names = "--filters", required = true, paramLabel = "F.yaml",
      description = "The filter chain; relative paths inside are relative to this file.")
  Path filters;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder; its files are replaced only when the run completes (a"
          + " failed run leaves the earlier ones as they were).")
  Path out;

  @Option(names = "--batch-size", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Records per batch; overrides the chain file's batch_size (default 256).")
  Integer batchSize;

  @Override
  public Integer call() throws Exception {
    ChainConfig config = ChainConfig.read(filters);
    requireReadable(in);
    JsonLinesReader.requireRecords(in);
    // Both sources are range-checked: the option by its converter, the chain file when read.
    int batch = batchSize != null ? batchSize : config.batchSizeOrDefault();
    Path base = filters.toAbsolutePath().getParent();
    Funnel funnel;
    DiversityReport diversity;
    // Everything is written beside the old outputs and swapped in at the end: a run that fails
    // (bad input, a critic error, a kill) leaves the earlier results byte-identical.
    // Taken after the inputs are checked: a second process on --out exits 1 naming this one.
    try (FolderLock lock = FolderLock.acquire(out);
        ChainConfig.Chain chain = config.stages(base);
        StagedOutput staged = StagedOutput.beside(out)) {
      funnel = new FilterRun(chain.stages(), batch).writeInto(in, staged.dir());
      diversity = writeDiversity(staged.dir());
      List<String> outputs = new ArrayList<>(List.of("diversity.json"));
      outputs.addAll(FilterRun.OUTPUTS);
      staged.commit(outputs);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%-24s %9s %9s%n", "stage", "in", "out");
    for (Funnel.StageCount s : funnel.stages()) {
      w.printf(Locale.ROOT, "%-24s %9d %9d%s%n", s.name(), s.in(), s.out(),
          s.wholeCorpus() ? "  (whole corpus)" : "");
    }
    w.printf(Locale.ROOT, "input %d, invalid %d, kept %d, rejected %d -> %s%n", funnel.input(),
        funnel.invalidLines(), funnel.kept(), funnel.rejected(), out);
    w.printf(Locale.ROOT, "kept diversity: unique %.3f, distinct-1 %.3f, distinct-2 %.3f%n",
        diversity.overall().uniqueRatio(), diversity.overall().distinct1(),
        diversity.overall().distinct2());
    w.flush();
    return 0;
  }

  private static void requireReadable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), Files.exists(file)
          ? "--in is not a file; give a JSON Lines corpus" : "--in file not found");
    }
    if (!Files.isReadable(file)) {
      throw new InputException(new SourceLocation(file, 0),
          "--in is not readable; check its permissions");
    }
  }

  private static DiversityReport writeDiversity(Path dir) throws java.io.IOException {
    DiversityReport diversity;
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(dir.resolve("kept.jsonl"),
        CorpusRecord.class)) {
      diversity = DiversityReport.of(r.records(BadLinePolicy.failFast()).iterator());
    }
    CorpusJson.json().writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("diversity.json").toFile(), diversity);
    return diversity;
  }
}
