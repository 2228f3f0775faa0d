package org.distill4j.cli.filter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.cli.options.SettingSpelling;
import org.distill4j.filtering.Filtering;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.FilterSettings;
import org.distill4j.filtering.chain.FilterSpec;
import org.distill4j.filtering.chain.Funnel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a filter chain over a corpus and writes kept, rejected, the funnel and diversity. */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    modelTransformer = FilterCommand.FilterTypes.class,
    showDefaultValues = true,
    description = {
      "Stream the records of --in through the filter chain in --filters and write into --out:",
      "  " + FilterOutputs.KEPT + "      records every filter kept, with each filter's verdict"
          + " and scores",
      "  " + FilterOutputs.REJECTED + "  each rejected record with the filter and the reason"
          + " that rejected it",
      "  " + FilterOutputs.INVALID + "   input lines that are not valid records (file:line and"
          + " problem)",
      "  " + FilterOutputs.FUNNEL + "     records in and out of each filter, per kind and per"
          + " relation",
      "  " + FilterOutputs.DIVERSITY + "  distinct-1/2 and unique ratio of the kept records, per"
          + " relation",
      "",
      "Filter types (YAML `type:`): " + FilterCommand.TYPES + ". rationale-split rewrites raw"
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
public final class FilterCommand implements Callable<Integer>, SettingSpelling {
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

  /** Where {@link FilterTypes} puts the registered filter types in the description. */
  static final String TYPES = "@FILTER-TYPES@";

  /** How this command spells each filter setting. */
  private static final Map<String, String> FLAGS = Map.of(FilterSettings.CHAIN, "--filters",
      FilterSettings.IN, "--in", FilterSettings.OUT, "--out", FilterSettings.BATCH_SIZE,
      "--batch-size");

  /** Fills the description's type list from the registered filter types. */
  static final class FilterTypes implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      String types = String.join(", ", FilterSpec.types());
      command.usageMessage().description(Arrays.stream(command.usageMessage().description())
          .map(line -> line.replace(TYPES, types)).toArray(String[]::new));
      return command;
    }
  }

  @Override
  public Integer call() {
    // Both batch sizes are range-checked: the option by its converter, the chain file when read.
    print(Filtering.run(new FilterSettings(filters, in, out, batchSize)));
    return 0;
  }

  @Override
  public String spell(String setting) {
    return FLAGS.getOrDefault(setting, setting);
  }

  private void print(FilterRun.Outcome outcome) {
    Funnel funnel = outcome.funnel();
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%-24s %9s %9s%n", "stage", "in", "out");
    for (Funnel.StageCount s : funnel.stages()) {
      w.printf(Locale.ROOT, "%-24s %9d %9d%s%n", s.name(), s.in(), s.out(),
          s.wholeCorpus() ? "  (whole corpus)" : "");
    }
    w.printf(Locale.ROOT, "input %d, invalid %d, kept %d, rejected %d -> %s%n", funnel.input(),
        funnel.invalidLines(), funnel.kept(), funnel.rejected(), out);
    var diversity = outcome.diversity().overall();
    w.printf(Locale.ROOT, "kept diversity: unique %.3f, distinct-1 %.3f, distinct-2 %.3f%n",
        diversity.uniqueRatio(), diversity.distinct1(), diversity.distinct2());
    w.flush();
  }
}
