package org.distill4j.neural.decoder.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level Hugging Face tokenizer learnt from texts: the most frequent words and punctuation
 * runs (split as the {@code Whitespace} pre-tokenizer splits them), after the chat's special
 * tokens. Words outside it become {@code <unk>}; decoding joins tokens with spaces. Simple and
 * exact for short texts such as commonsense tails; a byte-level BPE would cover every word but
 * cannot be learnt with the libraries here.
 */
public final class WordVocabulary {
  /** End of text and padding. */
  public static final String END = "<|endoftext|>";
  /** Starts a chat turn. */
  public static final String TURN_START = "<|im_start|>";
  /** Ends a chat turn: generation stops here. */
  public static final String TURN_END = "<|im_end|>";
  /** Any word outside the vocabulary. */
  public static final String UNKNOWN = "<unk>";
  private static final List<String> SPECIAL = List.of(END, TURN_START, TURN_END, UNKNOWN);
  private static final List<String> ROLES = List.of("system", "user", "assistant");
  // The Whitespace pre-tokenizer's split: runs of word characters, or of other non-spaces.
  private static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]+");

  private WordVocabulary() {}

  /**
   * The vocabulary of {@code texts}: the special tokens, the chat roles, then up to
   * {@code size} − 7 words by falling frequency (ties by first appearance).
   */
  public static List<String> learn(Iterable<String> texts, int size) {
    if (size < SPECIAL.size() + ROLES.size() + 1) {
      throw new IllegalArgumentException("a vocabulary needs at least "
          + (SPECIAL.size() + ROLES.size() + 1) + " tokens, not " + size);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String text : texts) {
      Matcher m = WORD.matcher(text);
      while (m.find()) {
        counts.merge(m.group(), 1, Integer::sum);
      }
    }
    List<String> vocabulary = new ArrayList<>(SPECIAL);
    vocabulary.addAll(ROLES);
    counts.entrySet().stream()
        .filter(e -> !vocabulary.contains(e.getKey()))
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(size - vocabulary.size())
        .forEach(e -> vocabulary.add(e.getKey()));
    return vocabulary;
  }

  /** Writes {@code vocabulary} as a tokenizer.json that Hugging Face tokenizers load. */
  public static void write(List<String> vocabulary, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String token : SPECIAL) {
      added.addObject().put("id", vocabulary.indexOf(token)).put("content", token)
          .put("single_word", false).put("lstrip", false).put("rstrip", false)
          .put("normalized", false).put("special", true);
    }
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    root.putNull("post_processor");
    root.putNull("decoder");
    ObjectNode model = root.putObject("model").put("type", "WordLevel")
        .put("unk_token", UNKNOWN);
    ObjectNode vocab = model.putObject("vocab");
    Map<String, Integer> seen = new HashMap<>();
    for (int id = 0; id < vocabulary.size(); id++) {
      if (seen.put(vocabulary.get(id), id) != null) {
        throw new IllegalArgumentException("token \"" + vocabulary.get(id) + "\" is listed twice");
      }
      vocab.put(vocabulary.get(id), id);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }
}
