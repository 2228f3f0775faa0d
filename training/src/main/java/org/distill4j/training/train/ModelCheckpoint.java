package org.distill4j.training.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint's model parameters and the optimizer state that goes with them. Both students keep
 * the two together: resuming with fresh Adam moments would take different steps than the run it
 * replaces.
 */
final class ModelCheckpoint {
  static final String OPTIMIZER_FILE = "optimizer.bin";

  private ModelCheckpoint() {}

  /** Writes the optimizer's state beside parameters the student has saved in {@code dir}. */
  static void saveOptimizer(ResumableAdam optimizer, Path dir) throws IOException {
    optimizer.save(dir.resolve(OPTIMIZER_FILE));
  }

  /** Reads the parameters named {@code modelName} and the optimizer state from {@code dir}. */
  static void load(Model model, String modelName, ResumableAdam optimizer, Path dir)
      throws IOException {
    try {
      model.load(dir, modelName);
    } catch (MalformedModelException e) {
      throw new IOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
    }
    optimizer.load(dir.resolve(OPTIMIZER_FILE), model.getNDManager());
  }
}
