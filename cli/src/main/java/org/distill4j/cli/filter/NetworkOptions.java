package org.distill4j.cli.filter;

import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.critic.CriticSettings;
import picocli.CommandLine.Option;

/** The classifier critic's network and training options, shared by train and evaluate. */
final class NetworkOptions {
  @Option(names = "--hidden", defaultValue = "32", description = "Hidden units.",
      converter = OptionRanges.AtLeastOne.class)
  int hidden;

  @Option(names = "--epochs", defaultValue = "10", description = "Passes over the data (at"
      + " most, with --patience).", converter = OptionRanges.AtLeastOne.class)
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", description = "Examples per step.",
      converter = OptionRanges.AtLeastOne.class)
  int batchSize;

  @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam step size.",
      converter = OptionRanges.AboveZero.class)
  double learningRate;

  @Option(names = "--weight-decay", defaultValue = "0.01", description = "L2 penalty.",
      converter = OptionRanges.ZeroOrAbove.class)
  double weightDecay;

  @Option(names = "--seed", defaultValue = "7",
      description = "Seeds the network's training (reproducible).")
  long seed;

  /** The settings, or bad input naming the offending value. */
  CriticSettings settings() {
    try {
      return new CriticSettings(hidden, epochs, batchSize, (float) learningRate,
          (float) weightDecay, seed);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
