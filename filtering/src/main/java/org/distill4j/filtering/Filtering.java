package org.distill4j.filtering;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.FilterSettings;

/**
 * The one way to filter a corpus, for every front end ({@code distill filter}, the pipeline's
 * filter stage, Java code): reads and checks the chain file and the input, holds the output
 * folder's lock, builds the chain, runs it and swaps every output of {@link FilterOutputs} in at
 * the end. A bad setting is a {@link SettingException} under its {@link FilterSettings} name;
 * front ends re-render it as their flag or YAML key.
 *
 * <p>From Java:
 *
 * <pre>{@code
 * FilterRun.Outcome outcome = Filtering.run(FilterSettings.builder(
 *         Path.of("pipelines/filters/commonsense.yaml"),   // the chain
 *         Path.of("runs/atomic/generated.jsonl"),          // the records
 *         Path.of("runs/atomic/filtered"))                 // kept, rejected, funnel
 *     .judge(chatModel)        // for judge entries without a teacher of their own
 *     .build());
 * long kept = outcome.funnel().kept();
 * Path keptRecords = new Filtering.Outputs(Path.of("runs/atomic/filtered")).kept();
 * }</pre>
 */
public final class Filtering {
  private Filtering() {}

  /** Runs {@code settings.chain()} over {@code settings.in()} into {@code settings.out()}. */
  public static FilterRun.Outcome run(FilterSettings settings) {
    ChainConfig config = ChainConfig.read(settings.chain());
    requireReadable(settings.in());
    JsonLinesReader.requireRecords(settings.in());
    int batch = settings.batchSize() != null ? settings.batchSize() : config.batchSizeOrDefault();
    if (batch < 1) {
      throw new SettingException(FilterSettings.BATCH_SIZE, SettingException.NAME
          + " must be at least 1, found " + batch);
    }
    Path base = settings.chain().toAbsolutePath().getParent();
    // Taken after the inputs are checked: a second process on the folder exits 1 naming this
    // one. Everything is written beside the old outputs and swapped in at the end, so a run that
    // fails (bad input, a critic error, a kill) leaves the earlier results byte-identical.
    try (FolderLock lock = FolderLock.acquire(settings.out());
        ChainConfig.Chain chain = config.stages(base, settings.judge())) {
      return new FilterRun(chain.stages(), batch).runWithReport(settings.in(), settings.out());
    }
  }

  /**
   * The files a run writes into its output folder {@code dir}.
   *
   * @param dir the run's output folder
   */
  public record Outputs(Path dir) {
    /** Records every stage kept, with their verdicts and scores. */
    public Path kept() {
      return dir.resolve(FilterOutputs.KEPT);
    }

    /** Each rejected record with the stage and the reason that rejected it. */
    public Path rejected() {
      return dir.resolve(FilterOutputs.REJECTED);
    }

    /** Input lines that are not valid records, with file:line and the problem. */
    public Path invalid() {
      return dir.resolve(FilterOutputs.INVALID);
    }

    /** Records in and out of each stage, per kind and per relation. */
    public Path funnel() {
      return dir.resolve(FilterOutputs.FUNNEL);
    }

    /** Distinct-1/2 and unique ratio of the kept records. */
    public Path diversity() {
      return dir.resolve(FilterOutputs.DIVERSITY);
    }
  }

  private static void requireReadable(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SettingException(FilterSettings.IN, file + ": " + (Files.exists(file)
          ? SettingException.NAME + " is not a file; give a JSON Lines corpus"
          : SettingException.NAME + " file not found"));
    }
    if (!Files.isReadable(file)) {
      throw new SettingException(FilterSettings.IN, file + ": " + SettingException.NAME
          + " is not readable; check its permissions");
    }
  }
}
