package org.distill4j.neural.decoder.chat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns conversations into {@link SftExample}s whose loss covers only the assistant's turns. Use
 * one per model: the template and tokenizer of the same Hugging Face folder.
 *
 * <p>Each assistant message is found in the rendered conversation by rendering prefixes: the
 * messages before it with the generation prompt end where its content starts, and the messages
 * through it end where its turn ends. This works for any template that renders a conversation as
 * the continuation of its prefixes; one that rewrites earlier turns (e.g. drops the reasoning of
 * all but the last assistant turn) is refused with an error naming the message. Whitespace at
 * either edge of the span (the newline after {@code <|im_end|>}, the space before a Mistral
 * reply) is not a target; the end-of-turn token is.
 *
 * <p>The text is tokenised once. The tokenizer adds its special tokens only when the config names
 * a BOS token the rendered text does not already start with: templates that write the BOS would
 * otherwise get two. Examples longer than {@code maxTokens} keep their start and report how many
 * tokens were cut.
 */
public final class SftEncoder {
  private final ChatTemplate template;
  private final HuggingFaceTokenizer tokenizer;
  private final int maxTokens;

  /**
   * @param tokenizer must not truncate or pad to a maximum length (build it with
   *     {@code HuggingFaceTokenizer.builder().optTokenizerPath(folder).optTruncation(false)}):
   *     the encoder cuts, and reports what it cut
   * @param maxTokens the most tokens an example keeps
   */
  public SftEncoder(ChatTemplate template, HuggingFaceTokenizer tokenizer, int maxTokens) {
    if (template == null || tokenizer == null) {
      throw new IllegalArgumentException("a template and a tokenizer are required");
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2, found " + maxTokens);
    }
    if (!"DO_NOT_TRUNCATE".equals(tokenizer.getTruncation())
        || "MAX_LENGTH".equals(tokenizer.getPadding())) {
      throw new IllegalArgumentException("the tokenizer truncates (" + tokenizer.getTruncation()
          + ") or pads (" + tokenizer.getPadding() + ") by itself, so cut tokens would go "
          + "unreported; build it with HuggingFaceTokenizer.builder().optTokenizerPath(folder)"
          + ".optTruncation(false).build()");
    }
    this.template = template;
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  /**
   * Renders, tokenises and masks one conversation.
   *
   * @throws IllegalArgumentException when the conversation has no assistant content, or none is
   *     left after cutting to {@code maxTokens}, or the template does not render it as a
   *     continuation of its prefixes
   * @throws ChatTemplateException when the template refuses the conversation
   */
  public SftExample encode(List<ChatMessage> messages) {
    String text = template.render(messages, false);
    List<int[]> targets = targetSpans(messages, text);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("the conversation has no assistant content to train on: "
          + roles(messages));
    }
    boolean addSpecial = template.bosToken().map(bos -> !text.startsWith(bos)).orElse(false);
    Encoding encoding = tokenizer.encode(text, addSpecial, false);
    long[] ids = encoding.getIds();
    int[] mask = mask(text, encoding.getCharTokenSpans(), targets);
    mask[0] = 0;
    int kept = Math.min(ids.length, maxTokens);
    int[] keptMask = Arrays.copyOf(mask, kept);
    int first = firstTarget(mask);
    if (first < 0) {
      throw new IllegalArgumentException("no token of the assistant content survives "
          + "tokenisation (its characters fall on no token): " + roles(messages));
    }
    if (first >= kept) {
      throw new IllegalArgumentException("no assistant token is left after cutting to "
          + maxTokens + " tokens: the conversation has " + ids.length
          + " tokens and its first assistant token is at " + first);
    }
    return new SftExample(Arrays.copyOf(ids, kept), keptMask, ids.length - kept);
  }

  /**
   * The ids of a prompt for generation: {@code messages} (without the reply) rendered with the
   * template's generation prompt, so the model continues with the assistant's turn exactly as
   * in training; the end (next to the reply) is kept when it is longer than {@code maxTokens}.
   */
  public long[] prompt(List<ChatMessage> messages) {
    String text = template.render(messages, true);
    boolean addSpecial = template.bosToken().map(bos -> !text.startsWith(bos)).orElse(false);
    long[] ids = tokenizer.encode(text, addSpecial, false).getIds();
    return ids.length <= maxTokens ? ids : Arrays.copyOfRange(ids, ids.length - maxTokens,
        ids.length);
  }

  /**
   * The id of the padding token: the config's {@code pad_token}, or its {@code eos_token} when
   * there is none (as most decoder configs leave padding unset).
   *
   * @throws IllegalStateException when the config sets neither, or the token is not one token
   */
  public long padId() {
    String pad = template.padToken().or(template::eosToken).orElseThrow(() ->
        new IllegalStateException(template.file() + ": sets neither \"pad_token\" nor "
            + "\"eos_token\"; give Packer a pad id yourself"));
    long[] ids = tokenizer.encode(pad, false, false).getIds();
    if (ids.length != 1) {
      throw new IllegalStateException(template.file() + ": pad token \"" + pad + "\" is "
          + ids.length + " tokens for this tokenizer, not one");
    }
    return ids[0];
  }

  /** Character spans [start, end) of each assistant turn's content and end-of-turn text. */
  private List<int[]> targetSpans(List<ChatMessage> messages, String text) {
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).isAssistant()) {
        continue;
      }
      int start = prefixLength(messages.subList(0, i), true, text, i);
      int end = prefixLength(messages.subList(0, i + 1), false, text, i);
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (start < end) {
        spans.add(new int[] {start, end});
      }
    }
    return spans;
  }

  private int prefixLength(List<ChatMessage> prefix, boolean generationPrompt, String text,
      int message) {
    String rendered = template.render(prefix, generationPrompt);
    if (!text.startsWith(rendered)) {
      int at = 0;
      while (at < rendered.length() && at < text.length()
          && rendered.charAt(at) == text.charAt(at)) {
        at++;
      }
      throw new IllegalArgumentException(template.file() + ": the chat template does not render "
          + "the conversation as a continuation of messages[:" + prefix.size() + "]"
          + (generationPrompt ? " with the generation prompt" : "")
          + ", so assistant message " + message + " cannot be located; they differ at character "
          + at + ": " + excerpt(rendered, at) + " against " + excerpt(text, at));
    }
    return rendered.length();
  }

  /** 1 for each token whose characters overlap a target span; the tokenizer counts code points. */
  private static int[] mask(String text, CharSpan[] tokenSpans, List<int[]> targets) {
    int[] charIndex = new int[text.codePointCount(0, text.length()) + 1];
    for (int cp = 0, i = 0; cp < charIndex.length; cp++) {
      charIndex[cp] = i;
      i = i < text.length() ? text.offsetByCodePoints(i, 1) : i;
    }
    int[] mask = new int[tokenSpans.length];
    for (int t = 0; t < tokenSpans.length; t++) {
      CharSpan span = tokenSpans[t];
      if (span == null || span.getEnd() <= span.getStart()) {
        continue;
      }
      int start = charIndex[span.getStart()];
      int end = charIndex[span.getEnd()];
      for (int[] target : targets) {
        if (start < target[1] && end > target[0]) {
          mask[t] = 1;
        }
      }
    }
    return mask;
  }

  private static int firstTarget(int[] mask) {
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 1) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> roles(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::role).toList();
  }

  private static String excerpt(String s, int at) {
    int end = Math.min(s.length(), at + 20);
    return at >= s.length() ? "(end)" : "\"" + s.substring(at, end).replace("\n", "\\n") + "\"";
  }
}
