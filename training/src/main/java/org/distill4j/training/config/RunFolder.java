package org.distill4j.training.config;

import java.nio.file.Path;

/** The names of what a training run writes into its folder ({@code out}). */
public final class RunFolder {
  /** One line per epoch. */
  public static final String METRICS = "metrics.jsonl";
  /** The final report. */
  public static final String REPORT = "report.json";
  /** The folder of per-epoch checkpoints ({@code epoch-NNNN}). */
  public static final String CHECKPOINTS = "checkpoints";
  /**
   * The encoder student's final model, a Hugging Face folder (config.json, model.safetensors,
   * tokenizer.json) that transformers and {@code BertClassifier.load} read.
   */
  public static final String MODEL = "model";

  private RunFolder() {}

  /** {@value #REPORT} in {@code out}. */
  public static Path report(Path out) {
    return out.resolve(REPORT);
  }

  /** {@value #METRICS} in {@code out}. */
  public static Path metrics(Path out) {
    return out.resolve(METRICS);
  }

  /** {@value #CHECKPOINTS} in {@code out}. */
  public static Path checkpoints(Path out) {
    return out.resolve(CHECKPOINTS);
  }

  /** {@value #MODEL} in {@code out}. */
  public static Path model(Path out) {
    return out.resolve(MODEL);
  }
}
