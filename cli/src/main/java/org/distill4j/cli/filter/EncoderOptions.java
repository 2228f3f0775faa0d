package org.distill4j.cli.filter;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.critic.EncoderSettings;
import org.distill4j.neural.bert.LoraSettings;
import org.distill4j.neural.tune.EpochReport;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;
import picocli.CommandLine.Option;

/**
 * The fine-tuned encoder critic's options, shared by train and evaluate: with {@code --encoder}
 * the critic is a cross-encoder fine-tuned from that folder instead of the embedding network.
 */
final class EncoderOptions {
  @Option(names = "--encoder", paramLabel = "DIR",
      description = "Fine-tune this pretrained BERT-family folder (config.json,"
          + " model.safetensors, tokenizer.json; distill model import-onnx makes one) as the"
          + " critic, reading text and --pair together, instead of training the small network"
          + " on frozen embeddings. Slower (minutes to hours on a CPU); side features are not"
          + " used.")
  Path base;

  @Option(names = "--encoder-epochs", defaultValue = "3", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class, description = "With --encoder: epochs.")
  int epochs;

  @Option(names = "--encoder-learning-rate", defaultValue = "3e-5", paramLabel = "LR",
      converter = OptionRanges.AboveZero.class,
      description = "With --encoder: AdamW's peak rate (after 10 pct warm-up, then linear"
          + " decay).")
  double learningRate;

  @Option(names = "--encoder-batch-size", defaultValue = "16", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class, description = "With --encoder: examples per"
          + " step.")
  int batchSize;

  @Option(names = "--max-tokens", defaultValue = "128", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class, description = "With --encoder: the longest"
          + " input; a pair loses tokens from its longer side first.")
  int maxTokens;

  @Option(names = "--freeze-layers", defaultValue = "0", paramLabel = "K",
      converter = OptionRanges.ZeroOrMore.class, description = "With --encoder: keep the"
          + " embeddings and the lowest K layers fixed (cheaper steps on a CPU).")
  int frozen;

  @Option(names = "--lora-rank", defaultValue = "0", paramLabel = "R",
      converter = OptionRanges.ZeroOrMore.class, description = "With --encoder: train LoRA"
          + " adapters of this rank on query and value, base frozen (0: full fine-tuning).")
  int loraRank;

  @Option(names = "--lora-alpha", defaultValue = "16", paramLabel = "A",
      converter = OptionRanges.AboveZero.class, description = "With --lora-rank: the scale"
          + " numerator.")
  double loraAlpha;

  @Option(names = "--balanced", description = "With --encoder: weight the classes so each"
      + " counts as much in total.")
  boolean balanced;

  /** Whether --encoder was given. */
  boolean chosen() {
    return base != null;
  }

  /** The settings; {@code patience} and {@code seed} come from the command's own options. */
  EncoderSettings settings(int patience, long seed, List<String> sideFeatures) {
    if (!sideFeatures.isEmpty()) {
      throw new InputException("--side-features and --feature feed the embedding network;"
          + " the --encoder critic reads text only (put what matters into --text or --pair)");
    }
    try {
      return new EncoderSettings(base,
          new TuneSettings(epochs, batchSize, 1, learningRate, 0.01, 0.1, 1.0, patience, seed),
          maxTokens, frozen, loraRank == 0 ? null : LoraSettings.queryValue(loraRank, loraAlpha),
          balanced);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** Progress lines: every 50 steps, and each epoch with its dev score. */
  static TuneListener progress(java.io.PrintWriter out) {
    return new TuneListener() {
      @Override
      public void step(int step, int total, double loss) {
        if (step % 50 == 0 || step == total) {
          out.printf(Locale.ROOT, "step %d/%d  loss %.4f%n", step, total, loss);
          out.flush();
        }
      }

      @Override
      public void epoch(EpochReport r, boolean best) {
        out.printf(Locale.ROOT, "epoch %d  loss %.4f%s  (%.1f examples/s)%n", r.epoch(),
            r.loss(), Double.isNaN(r.devScore()) ? ""
                : String.format(Locale.ROOT, "  dev AP %.4f%s", r.devScore(),
                    best ? " (best)" : ""), r.examplesPerSecond());
        out.flush();
      }
    };
  }
}
