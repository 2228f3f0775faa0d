package org.distill4j.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.init.DecoderInit;
import org.distill4j.neural.decoder.init.DecoderShape;
import org.distill4j.neural.decoder.init.WordVocabulary;
import org.distill4j.training.data.CorpusExamples;
import org.distill4j.training.data.TrainingExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Makes a new, untrained Llama-shaped decoder for training from scratch. */
@Command(
    name = "init-decoder",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Write a new Llama-shaped decoder with random weights as a Hugging Face folder, for"
          + " `student: decoder` to train from scratch where no pretrained checkpoint fits:"
          + " config.json, model.safetensors, a word-level tokenizer.json learnt from the"
          + " corpus's inputs and targets (the most frequent words; others become <unk>), a"
          + " ChatML chat template and generation_config.json.",
      "",
      "A pretrained checkpoint (SmolLM2, Qwen2.5, Llama 3.2, GPT-2) downloaded from Hugging Face"
          + " is the better base wherever it can be had: give its folder as `base:` directly."
    },
    footer = {"", "Example:",
      "  distill model init-decoder --corpus runs/atomic/filtered/kept.jsonl --out models/tiny \\",
      "      --vocabulary 4000 --hidden 128 --layers 2 --heads 4",
      "", "Exit status: 0 written, 2 bad input (the message names the file and line)."})
public final class InitDecoderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "FILE",
      description = "Corpus records (JSON Lines) whose inputs and targets the vocabulary is"
          + " learnt from: the training corpus.")
  Path corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
  Path out;

  @Option(names = "--vocabulary", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Tokens in the vocabulary, special tokens included.")
  int vocabulary = 8000;

  @Option(names = "--hidden", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Model width.")
  int hidden = 256;

  @Option(names = "--layers", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Decoder layers.")
  int layers = 4;

  @Option(names = "--heads", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Attention heads.")
  int heads = 4;

  @Option(names = "--kv-heads", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Key/value heads (fewer than --heads: grouped-query attention). Default:"
          + " --heads.")
  Integer kvHeads;

  @Option(names = "--intermediate", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Feed-forward inner width. Default: about 8/3 x --hidden, as Llama.")
  Integer intermediate;

  @Option(names = "--max-positions", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "The longest sequence.")
  int maxPositions = 512;

  @Option(names = "--seed", paramLabel = "N", description = "Seeds the random weights.")
  long seed = 42;

  @Override
  public Integer call() throws Exception {
    DecoderShape shape;
    try {
      shape = new DecoderShape(hidden, layers, heads, kvHeads == null ? heads : kvHeads,
          intermediate == null ? 8 * hidden / 3 : intermediate, maxPositions);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<String> texts = new ArrayList<>();
    for (TrainingExample e : CorpusExamples.read(corpus, null, false).examples()) {
      texts.add(e.input());
      texts.add(e.target());
    }
    List<String> words = WordVocabulary.learn(texts, vocabulary);
    DecoderConfig config = DecoderInit.write(out, shape, words, seed);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("wrote %s: Llama-shaped decoder, %d layers, hidden %d, %d heads (%d key/value),"
            + " intermediate %d, %,d-token word vocabulary from %,d texts; random weights%n",
        out, config.layers(), config.hiddenSize(), config.heads(), config.kvHeads(),
        config.intermediateSize(), config.vocabSize(), texts.size());
    w.flush();
    return 0;
  }
}
