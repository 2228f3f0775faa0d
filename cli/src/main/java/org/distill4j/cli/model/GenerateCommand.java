package org.distill4j.cli.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.neural.decoder.Generator;
import org.distill4j.neural.decoder.chat.ChatMessage;
import org.distill4j.neural.decoder.chat.ChatTemplate;
import org.distill4j.neural.decoder.chat.SftEncoder;
import org.distill4j.training.device.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a decoder's reply to prompts: a quick look at a student or a base. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Write a decoder's reply to each prompt: a Hugging Face folder (GPT-2, Llama, Qwen2,"
          + " Mistral, SmolLM; a decoder student's model/ folder), optionally with a PEFT"
          + " adapter. Prompts are chats in the model's own template (user turn, then the"
          + " assistant's) unless --raw. Greedy by default; --temperature samples (with"
          + " --top-p), --beams searches. Each reply is printed on its own line."
    },
    footer = {"", "Examples:",
      "  distill model generate --model runs/student/model --prompt 'PersonX bakes bread xIntent'",
      "  distill model generate --model smollm2 --adapter runs/student/adapter --input prompts.txt"
          + " --temperature 0.7 --top-p 0.9",
      "", "Exit status: 0 written, 2 bad input (the message names the file and field)."})
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The decoder folder (the base when --adapter is given).")
  Path model;

  @Option(names = "--adapter", paramLabel = "DIR",
      description = "A PEFT LoRA adapter folder to apply to --model.")
  Path adapter;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "A prompt; repeatable.")
  List<String> prompts = new ArrayList<>();

  @Option(names = "--input", paramLabel = "FILE", description = "Prompts, one per line.")
  Path input;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  String system;

  @Option(names = "--raw", description = "Feed the prompt text as it is, without the template.")
  boolean raw;

  @Option(names = "--max-new-tokens", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "The most tokens per reply.")
  int maxNewTokens = 64;

  @Option(names = "--temperature", paramLabel = "T", converter = OptionRanges.ZeroOrAbove.class,
      description = "0: greedy; above 0: sample from softmax(logits / T).")
  double temperature = 0;

  @Option(names = "--top-p", paramLabel = "P", converter = OptionRanges.Fraction.class,
      description = "Nucleus sampling: only the most likely tokens whose mass reaches P.")
  double topP = 1;

  @Option(names = "--beams", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Beam search with N beams (ranked by log-probability / length).")
  int beams = 1;

  @Option(names = "--seed", paramLabel = "N", description = "Seeds sampling.")
  long seed = 42;

  @Option(names = "--device", paramLabel = "D", description = "auto, cpu or gpu.")
  String device = "auto";

  @Override
  public Integer call() throws Exception {
    if (input != null) {
      if (!Files.isRegularFile(input)) {
        throw new InputException(input + ": no such file");
      }
      Files.readAllLines(input).stream().filter(l -> !l.isBlank()).forEach(prompts::add);
    }
    if (prompts.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give --prompt TEXT or --input FILE");
    }
    GenerationSettings settings;
    try {
      settings = new GenerationSettings(maxNewTokens, temperature, topP, beams, 1, seed,
          Set.of());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    var where = DeviceChoice.parse(device).resolve();
    PrintWriter w = spec.commandLine().getOut();
    try (DecoderLm lm = adapter == null ? DecoderLm.load(model, null, where, 0)
            : DecoderLm.loadWithAdapter(model, adapter, where);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
            .optTokenizerPath(model.resolve("tokenizer.json")).optTruncation(false).build()) {
      SftEncoder encoder = new SftEncoder(ChatTemplate.load(model), tokenizer,
          lm.config().maxPositions());
      Generator generator = new Generator(lm);
      GenerationSettings stopping = settings.stoppingAt(lm.stopIds());
      for (String prompt : prompts) {
        long[] ids = raw ? tokenizer.encode(prompt).getIds() : encoder.prompt(chat(prompt));
        w.println(tokenizer.decode(generator.generate(ids, stopping), true).strip());
        w.flush();
      }
    }
    return 0;
  }

  private List<ChatMessage> chat(String prompt) {
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(prompt));
    return messages;
  }
}
