package org.distill4j.neural.decoder.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * A pretrained decoder's chat template, read from its Hugging Face folder and rendered as
 * transformers' {@code tokenizer.apply_chat_template(messages, tokenize=False,
 * add_generation_prompt=...)} renders it. Use it to turn conversations into the exact text the
 * model was tuned on, so that fine-tuning and inference see the same format.
 *
 * <p>The template is looked for in {@code chat_template.jinja} first (the file recent
 * transformers versions save), then in the {@code chat_template} field of
 * {@code tokenizer_config.json} (a string, or a list of {@code {name, template}} objects whose
 * {@code "default"} entry is used). A folder with neither gets {@link #PLAIN_FORMAT}, and
 * {@link #origin()} says so: a base model never saw that format, so callers may want to warn.
 *
 * <p>The template sees {@code messages} (maps with {@code role} and {@code content}),
 * {@code bos_token}, {@code eos_token}, {@code pad_token} (those the config sets),
 * {@code add_generation_prompt}, and the functions {@code raise_exception(msg)} and
 * {@code strftime_now(format)}. Differences from Jinja2 that remain: Python string methods beyond
 * {@code strip/lstrip/rstrip/split/startswith/endswith/upper/lower}, {@code 'x' * 3}, and
 * {@code not a == b} without brackets are not supported; a boolean printed directly renders as
 * {@code true}/{@code false} (Python: {@code True}/{@code False}) and None as nothing (Python:
 * {@code None}). Templates test booleans rather than print them, so real ones are unaffected as
 * far as we know. An instance is immutable and may be shared between threads.
 */
public final class ChatTemplate {
  /** Where the template came from. */
  public enum Origin {
    /** The {@code chat_template.jinja} file of the folder. */
    TEMPLATE_FILE,
    /** The {@code chat_template} field of {@code tokenizer_config.json}. */
    TOKENIZER_CONFIG,
    /** The folder had no chat template; {@link #PLAIN_FORMAT} is used instead. */
    PLAIN_FALLBACK
  }

  /** The file name of a stand-alone template in a model folder. */
  public static final String TEMPLATE_FILE = "chat_template.jinja";

  /**
   * The format used when a folder has no chat template: the BOS token, then each message as
   * {@code role: content} followed by a blank line, with the EOS token right after each
   * assistant's content; the generation prompt is {@code "assistant: "}. For example
   * {@code "<s>user: Hi\n\nassistant: Hello</s>\n\n"}.
   */
  public static final String PLAIN_FORMAT = "{{ bos_token }}"
      + "{% for message in messages %}"
      + "{{ message['role'] + ': ' + message['content'] }}"
      + "{% if message['role'] == 'assistant' %}{{ eos_token }}{% endif %}"
      + "{{ '\\n\\n' }}"
      + "{% endfor %}"
      + "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}";

  private final Jinjava jinja = JinjaEnvironment.create();
  private final Path file;
  private final String source;
  private final Origin origin;
  private final TokenizerConfig config;

  private ChatTemplate(Path file, String source, Origin origin, TokenizerConfig config) {
    this.file = file;
    // Jinja2 (keep_trailing_newline=False, as transformers leaves it) drops one final newline.
    this.source = source.endsWith("\r\n") ? source.substring(0, source.length() - 2)
        : source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
    this.origin = origin;
    this.config = config;
  }

  /**
   * Reads the chat template and special tokens of a Hugging Face model folder.
   *
   * @throws InputException when the folder is missing, or a file in it is malformed (the message
   *     names the file and the field)
   */
  public static ChatTemplate load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new InputException(new SourceLocation(folder, 0), "not a model folder (missing)");
    }
    TokenizerConfig config = TokenizerConfig.read(folder);
    Path templateFile = folder.resolve(TEMPLATE_FILE);
    if (Files.isRegularFile(templateFile)) {
      try {
        String text = Files.readString(templateFile);
        return new ChatTemplate(templateFile, text, Origin.TEMPLATE_FILE,
            config.withTemplate(templateFile, text));
      } catch (IOException e) {
        throw new InputException(new SourceLocation(templateFile, 0), "cannot be read: " + e, e);
      }
    }
    if (config.chatTemplate() != null) {
      return new ChatTemplate(config.file(), config.chatTemplate(), Origin.TOKENIZER_CONFIG,
          config);
    }
    return new ChatTemplate(config.file(), PLAIN_FORMAT, Origin.PLAIN_FALLBACK, config);
  }

  /**
   * Renders {@code messages} as text.
   *
   * @param addGenerationPrompt append the header that opens the assistant's next turn, as for
   *     inference; false renders the conversation as it stands, as for training
   * @throws ChatTemplateException when the template refuses the conversation or fails
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    Map<String, Object> context = new HashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    for (ChatMessage message : messages) {
      list.add(asMap(message));
    }
    context.put("messages", list);
    context.put("add_generation_prompt", addGenerationPrompt);
    putIfSet(context, "bos_token", config.bosToken());
    putIfSet(context, "eos_token", config.eosToken());
    putIfSet(context, "pad_token", config.padToken());
    RenderResult result = jinja.renderForResult(source, context);
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw failure(error);
      }
    }
    return result.getOutput();
  }

  /** Where the template came from; {@link Origin#PLAIN_FALLBACK} when the folder had none. */
  public Origin origin() {
    return origin;
  }

  /** True when the folder had no chat template and {@link #PLAIN_FORMAT} is used. */
  public boolean isFallback() {
    return origin == Origin.PLAIN_FALLBACK;
  }

  /** The file the template was read from (for the fallback: the config file looked for). */
  public Path file() {
    return file;
  }

  /** The text of the {@code bos_token} the config sets. */
  public Optional<String> bosToken() {
    return Optional.ofNullable(config.bosToken());
  }

  /** The text of the {@code eos_token} the config sets. */
  public Optional<String> eosToken() {
    return Optional.ofNullable(config.eosToken());
  }

  /** The text of the {@code pad_token} the config sets. */
  public Optional<String> padToken() {
    return Optional.ofNullable(config.padToken());
  }

  /** A message as the template sees it; insertion order matters to {@code tojson}. */
  static Map<String, Object> asMap(ChatMessage message) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("role", message.role());
    map.put("content", message.content());
    return map;
  }

  private static void putIfSet(Map<String, Object> context, String key, String value) {
    if (value != null) {
      context.put(key, value);
    }
  }

  private ChatTemplateException failure(TemplateError error) {
    for (Throwable t = error.getException(); t != null; t = t.getCause()) {
      if (t instanceof JinjaEnvironment.TemplateRaised raised) {
        return new ChatTemplateException(new SourceLocation(file, 0),
            "the chat template refused the conversation: " + raised.getMessage(), true, raised);
      }
    }
    String where = origin == Origin.TOKENIZER_CONFIG ? "field \"chat_template\", " : "";
    String line = error.getLineno() > 0 ? "template line " + error.getLineno() + ": " : "";
    SourceLocation location = origin == Origin.TEMPLATE_FILE && error.getLineno() > 0
        ? new SourceLocation(file, error.getLineno()) : new SourceLocation(file, 0);
    String detail = error.getFieldName() == null ? "" : " (in " + error.getFieldName() + ")";
    return new ChatTemplateException(location,
        where + (origin == Origin.TEMPLATE_FILE ? "" : line) + error.getMessage() + detail, false,
        error.getException());
  }
}
