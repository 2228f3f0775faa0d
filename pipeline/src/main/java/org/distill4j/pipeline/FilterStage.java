package org.distill4j.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.filtering.Filtering;
import org.distill4j.filtering.chain.FilterSettings;

/** The filter chain over {@code RUN/generated.jsonl}, into {@code RUN/filtered/}. */
final class FilterStage implements PipelineStage {
  /** How a pipeline file spells each filter setting (the run folder fixes input and output). */
  private static final Map<String, String> KEYS = Map.of(FilterSettings.CHAIN, "filter.chain",
      FilterSettings.IN, "the generated corpus", FilterSettings.OUT, "the run's filtered folder",
      FilterSettings.BATCH_SIZE, "the chain file's batch_size");

  private final PipelineConfig.Filter settings;
  private final Path input;
  private final Path outDir;

  FilterStage(PipelineConfig.Filter settings, Path input, Path outDir) {
    this.settings = settings;
    this.input = input;
    this.outDir = outDir;
  }

  @Override
  public String name() {
    return "filter";
  }

  @Override
  public String fingerprint() {
    return new Fingerprint().add(settings).addFile(settings.chain()).hex();
  }

  @Override
  public void run() {
    // A filter run rewrites its outputs from its input, so rerunning after a crash is safe.
    try {
      Filtering.run(FilterSettings.of(settings.chain(), input, outDir));
    } catch (SettingException e) {
      throw new InputException(e.renderedAs(s -> KEYS.getOrDefault(s, s)));
    }
  }
}
