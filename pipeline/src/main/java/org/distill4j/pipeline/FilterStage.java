package org.distill4j.pipeline;

import java.nio.file.Path;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterRun;

/** The filter chain over {@code RUN/generated.jsonl}, into {@code RUN/filtered/}. */
final class FilterStage implements PipelineStage {
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
    ChainConfig config = ChainConfig.read(settings.chain());
    // A filter run rewrites its outputs from its input, so rerunning after a crash is safe.
    try (ChainConfig.Chain chain = config.stages(settings.chain().toAbsolutePath().getParent())) {
      new FilterRun(chain.stages(), config.batchSizeOrDefault()).run(input, outDir);
    }
  }
}
