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
 * filter stage): reads and checks the chain file and the input, holds the output folder's lock,
 * builds the chain, runs it and swaps every output of {@link FilterOutputs} in at the end. A bad
 * setting is a {@link SettingException} under its {@link FilterSettings} name; front ends
 * re-render it as their flag or YAML key.
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
        ChainConfig.Chain chain = config.stages(base)) {
      return new FilterRun(chain.stages(), batch).runWithReport(settings.in(), settings.out());
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
