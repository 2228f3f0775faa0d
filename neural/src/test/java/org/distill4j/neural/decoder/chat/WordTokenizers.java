package org.distill4j.neural.decoder.chat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A word-level {@code tokenizer.json} written for these tests: the chat special tokens as added
 * tokens, words and punctuation split as the {@code Whitespace} pre-tokenizer splits them, and
 * unknown words as {@code <unk>}. Whitespace makes no token, which keeps expected ids readable.
 */
final class WordTokenizers {
  static final List<String> SPECIAL = List.of("<unk>", "<s>", "</s>", "<|im_start|>",
      "<|im_end|>", "<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
      "<|eot_id|>", "[INST]", "[/INST]");
  static final List<String> WORDS = List.of("system", "user", "assistant", "You", "are", "a",
      "careful", "helper", ".", "Hi", "Hello", "there", "!", "Why", "?", "Because", "Be", "brief",
      ":", "😀", "é");

  private static final ObjectMapper JSON = new ObjectMapper();

  private WordTokenizers() {}

  /** The vocabulary in id order. */
  static List<String> vocabulary() {
    List<String> all = new ArrayList<>(SPECIAL);
    all.addAll(WORDS);
    return all;
  }

  /**
   * Writes {@code tokenizer.json} into {@code folder} and opens it without truncation.
   *
   * @param bosAdded the token the post-processor puts first when special tokens are added, or
   *     null for none
   */
  static HuggingFaceTokenizer open(Path folder, String bosAdded) {
    List<String> vocab = vocabulary();
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String special : SPECIAL) {
      added.addObject().put("id", vocab.indexOf(special)).put("content", special)
          .put("single_word", false).put("lstrip", false).put("rstrip", false)
          .put("normalized", false).put("special", true);
    }
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    if (bosAdded == null) {
      root.putNull("post_processor");
    } else {
      ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
      post.putArray("single").addObject().putObject("SpecialToken").put("id", bosAdded)
          .put("type_id", 0);
      ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A")
          .put("type_id", 0);
      post.set("pair", post.get("single").deepCopy());
      ObjectNode special = post.putObject("special_tokens").putObject(bosAdded);
      special.put("id", bosAdded);
      special.putArray("ids").add(vocab.indexOf(bosAdded));
      special.putArray("tokens").add(bosAdded);
    }
    root.putNull("decoder");
    ObjectNode model = root.putObject("model").put("type", "WordLevel").put("unk_token", "<unk>");
    ObjectNode ids = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      ids.put(vocab.get(i), i);
    }
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve("tokenizer.json");
      JSON.writeValue(file.toFile(), root);
      return HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(false).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tokens of {@code ids}, for readable assertions. */
  static List<String> tokens(long[] ids) {
    List<String> vocab = vocabulary();
    List<String> out = new ArrayList<>();
    for (long id : ids) {
      out.add(vocab.get((int) id));
    }
    return out;
  }

  /** The tokens of {@code ids} where {@code mask} is 1. */
  static List<String> masked(long[] ids, int[] mask) {
    List<String> all = tokens(ids);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (mask[i] == 1) {
        out.add(all.get(i));
      }
    }
    return out;
  }
}
