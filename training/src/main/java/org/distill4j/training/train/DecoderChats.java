package org.distill4j.training.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.neural.decoder.Generator;
import org.distill4j.neural.decoder.chat.ChatMessage;
import org.distill4j.neural.decoder.chat.ChatTemplate;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.decoder.chat.Packer;
import org.distill4j.neural.decoder.chat.SftEncoder;
import org.distill4j.neural.decoder.chat.SftExample;
import org.distill4j.training.config.DecoderSettings;
import org.distill4j.training.data.TrainingExample;

/**
 * The decoder student's view of its examples: each one a chat (optional system prompt, the
 * input as the user's turn, the target as the assistant's) rendered with the base model's own
 * template, tokenised with its own tokenizer, and packed into rows; and the same chats without
 * the reply as prompts to generate from.
 */
final class DecoderChats implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final SftEncoder encoder;
  private final DecoderSettings settings;
  private final ChatTemplate template;

  private DecoderChats(HuggingFaceTokenizer tokenizer, ChatTemplate template,
      DecoderSettings settings) {
    this.tokenizer = tokenizer;
    this.template = template;
    this.settings = settings;
    this.encoder = new SftEncoder(template, tokenizer, settings.maxTokens());
  }

  /** The chats of the model in {@code folder} (its tokenizer.json and chat template). */
  static DecoderChats open(Path folder, DecoderSettings settings) throws IOException {
    HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
        .optTokenizerPath(folder.resolve("tokenizer.json"))
        .optTruncation(false)
        .optPadding(false)
        .build();
    return new DecoderChats(tokenizer, ChatTemplate.load(folder), settings);
  }

  /** Where the template came from, for the run's log. */
  String templateOrigin() {
    return template.isFallback()
        ? "no chat template in the base folder: the plain fallback format"
        : "the chat template of " + template.file();
  }

  private List<ChatMessage> chat(String input, String target) {
    List<ChatMessage> messages = new ArrayList<>();
    if (settings.system() != null) {
      messages.add(ChatMessage.system(settings.system()));
    }
    messages.add(ChatMessage.user(input));
    if (target != null) {
      messages.add(ChatMessage.assistant(target));
    }
    return messages;
  }

  /**
   * The examples as training rows, packed or padded as the settings say; an example the
   * template refuses, or with no target token left after cutting, is left out and counted.
   */
  List<PackedRow> rows(List<TrainingExample> examples, Consumer<String> log) {
    List<SftExample> encoded = encode(examples, log).stream().map(Encoded::sft).toList();
    Packer packer = new Packer(settings.maxTokens(), encoder.padId());
    // Unpacked rows keep their own length: the task pads each batch to its longest row only.
    return settings.pack() ? packer.pack(encoded) : encoded.stream().map(this::row).toList();
  }

  /** An example and its encoding. */
  record Encoded(TrainingExample example, SftExample sft) {}

  /**
   * The examples encoded, in order; an example the template refuses, or with no target token
   * left after cutting, is left out and counted.
   */
  List<Encoded> encode(List<TrainingExample> examples, Consumer<String> log) {
    List<Encoded> encoded = new ArrayList<>(examples.size());
    int skipped = 0;
    String first = null;
    for (TrainingExample e : examples) {
      try {
        encoded.add(new Encoded(e, encoder.encode(chat(e.input(), e.target()))));
      } catch (IllegalArgumentException | org.distill4j.core.io.InputException problem) {
        skipped++;
        first = first == null ? problem.getMessage() : first;
      }
    }
    if (skipped > 0) {
      log.accept("left out " + skipped + " of " + examples.size() + " examples (first: "
          + first + ")");
    }
    return encoded;
  }

  /** One example alone in a row of its own length (no padding beyond it). */
  PackedRow row(SftExample example) {
    return new Packer(example.length(), encoder.padId()).pad(List.of(example)).get(0);
  }

  /**
   * The model's reply to each input as {@code decoding} writes it (the model's end-of-reply ids
   * added to its stop ids), decoded without special tokens.
   */
  List<String> replies(DecoderLm model, List<String> inputs, GenerationSettings decoding)
      throws IOException {
    GenerationSettings settings = decoding.stoppingAt(model.stopIds());
    Generator generator = new Generator(model);
    List<String> out = new ArrayList<>(inputs.size());
    for (String input : inputs) {
      long[] reply = generator.generate(encoder.prompt(chat(input, null)), settings);
      out.add(tokenizer.decode(reply, true).strip());
    }
    return out;
  }

  /**
   * The model's log-probability of each option written after the prompt for {@code input} and
   * {@code prefix} (the start of the reply): the sum over the option's tokens.
   */
  double[] optionLogProbabilities(DecoderLm model, String input, String prefix,
      List<String> options) {
    long[] head = concat(encoder.prompt(chat(input, null)),
        tokenizer.encode(prefix, false, false).getIds());
    double[] out = new double[options.size()];
    for (int o = 0; o < out.length; o++) {
      long[] option = tokenizer.encode(options.get(o), false, false).getIds();
      long[] ids = concat(head, option);
      try (NDManager scope = model.manager().newSubManager()) {
        // Only the option's rows leave the engine: a whole [tokens, vocab] copy would be
        // hundreds of megabytes for a real vocabulary.
        NDArray predicting = model.forward(scope, new long[][] {ids}, null).get(0)
            .get((head.length - 1) + ":" + (ids.length - 1)).logSoftmax(-1);
        NDArray targets = scope.create(option, new Shape(option.length, 1));
        out[o] = predicting.gather(targets, 1).sum().getFloat();
      }
    }
    return out;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
