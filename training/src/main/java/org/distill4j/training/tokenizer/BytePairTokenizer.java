package org.distill4j.training.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * A byte-pair-encoding vocabulary learnt from the training texts, for corpora that come without a
 * tokenizer of their own. Text is split into pieces that carry their leading space (written
 * {@code ▁}), so decoding is exact for text whose whitespace is single spaces; the learner merges
 * the most frequent adjacent pair of symbols until the vocabulary is full, ties broken by the
 * pair's text so that the same corpus always gives the same vocabulary.
 */
public final class BytePairTokenizer implements TextTokenizer {
  static final String FILE = "bpe.json";
  private static final char SPACE = '\u2581';
  private static final String UNKNOWN = "<unk>";
  private static final Pattern PIECE =
      Pattern.compile(" ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]");

  private final List<String> symbols;
  private final Map<String, Integer> ids;
  private final Map<String, Integer> mergeRank;
  private final List<String[]> merges;
  private final Map<String, List<Integer>> cache = new ConcurrentHashMap<>();

  private BytePairTokenizer(List<String> symbols, List<String[]> merges) {
    this.symbols = List.copyOf(symbols);
    this.merges = List.copyOf(merges);
    this.ids = new HashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      ids.put(symbols.get(i), i + SPECIALS);
    }
    this.mergeRank = new HashMap<>();
    for (int i = 0; i < merges.size(); i++) {
      mergeRank.put(merges.get(i)[0] + "\u0000" + merges.get(i)[1], i);
    }
  }

  /**
   * Learns a vocabulary of at most {@code vocabularySize} ids (specials included) from {@code
   * texts}.
   */
  public static BytePairTokenizer learn(Iterable<String> texts, int vocabularySize) {
    Map<String, Integer> pieceCounts = new HashMap<>();
    for (String text : texts) {
      for (String piece : pieces(text)) {
        pieceCounts.merge(piece, 1, Integer::sum);
      }
    }
    List<String> alphabet = new ArrayList<>();
    alphabet.add(UNKNOWN);
    java.util.TreeSet<String> chars = new java.util.TreeSet<>();
    List<List<String>> words = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    pieceCounts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              List<String> word = new ArrayList<>();
              e.getKey().codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
              chars.addAll(word);
              words.add(word);
              counts.add(e.getValue());
            });
    // Printable ASCII is always in the alphabet, so text with characters the corpus never showed
    // (a digit, a bracket) still round-trips; other unseen characters become <unk>.
    for (char ch = 0x20; ch < 0x7f; ch++) {
      chars.add(ch == ' ' ? String.valueOf(SPACE) : String.valueOf(ch));
    }
    alphabet.addAll(chars);
    List<String> vocabulary = new ArrayList<>(alphabet);
    List<String[]> merges = new ArrayList<>();
    while (vocabulary.size() + SPECIALS < vocabularySize) {
      Map<String, Integer> pairCounts = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<String> word = words.get(w);
        for (int i = 0; i + 1 < word.size(); i++) {
          pairCounts.merge(word.get(i) + "\u0000" + word.get(i + 1), counts.get(w), Integer::sum);
        }
      }
      String best = null;
      int bestCount = 1;
      for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
        if (e.getValue() > bestCount
            || (e.getValue() == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best == null) {
        break; // every remaining pair occurs once: merging would only memorise single words
      }
      String[] pair = best.split("\u0000", -1);
      merges.add(pair);
      vocabulary.add(pair[0] + pair[1]);
      for (List<String> word : words) {
        mergeInPlace(word, pair[0], pair[1]);
      }
    }
    return new BytePairTokenizer(vocabulary, merges);
  }

  /** Reads a vocabulary written by {@link #save}. */
  public static BytePairTokenizer load(Path file) throws IOException {
    JsonNode root = CorpusJson.json().readTree(file.toFile());
    if (root == null || !root.has("symbols") || !root.has("merges")) {
      throw new InputException(
          new SourceLocation(file, 0), "not a byte-pair vocabulary: fields \"symbols\" and"
              + " \"merges\" are required");
    }
    List<String> symbols = new ArrayList<>();
    root.get("symbols").forEach(n -> symbols.add(n.asText()));
    List<String[]> merges = new ArrayList<>();
    root.get("merges").forEach(n -> merges.add(new String[] {n.get(0).asText(), n.get(1).asText()}));
    return new BytePairTokenizer(symbols, merges);
  }

  @Override
  public List<Integer> encode(String text) {
    List<Integer> out = new ArrayList<>();
    for (String piece : pieces(text)) {
      out.addAll(cache.computeIfAbsent(piece, this::encodePiece));
    }
    return out;
  }

  @Override
  public String decode(List<Integer> tokenIds) {
    StringBuilder sb = new StringBuilder();
    for (int id : tokenIds) {
      int index = id - SPECIALS;
      if (index >= 0 && index < symbols.size()) {
        sb.append(symbols.get(index));
      }
    }
    return sb.toString().replace(SPACE, ' ').trim();
  }

  @Override
  public int vocabularySize() {
    return symbols.size() + SPECIALS;
  }

  @Override
  public String fingerprint() {
    return Sha256.hex(String.join("\n", symbols) + "\n--\n" + mergesText());
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode root = CorpusJson.json().createObjectNode();
    ArrayNode s = root.putArray("symbols");
    symbols.forEach(s::add);
    ArrayNode m = root.putArray("merges");
    for (String[] pair : merges) {
      m.addArray().add(pair[0]).add(pair[1]);
    }
    CorpusJson.json().writeValue(dir.resolve(FILE).toFile(), root);
  }

  private String mergesText() {
    StringBuilder sb = new StringBuilder();
    merges.forEach(p -> sb.append(p[0]).append(' ').append(p[1]).append('\n'));
    return sb.toString();
  }

  private List<Integer> encodePiece(String piece) {
    List<String> word = new ArrayList<>();
    piece.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
    while (word.size() > 1) {
      int bestRank = Integer.MAX_VALUE;
      int bestAt = -1;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer rank = mergeRank.get(word.get(i) + "\u0000" + word.get(i + 1));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          bestAt = i;
        }
      }
      if (bestAt < 0) {
        break;
      }
      String[] pair = merges.get(bestRank);
      mergeInPlace(word, pair[0], pair[1]);
    }
    List<Integer> out = new ArrayList<>(word.size());
    int unknown = ids.get(UNKNOWN);
    for (String symbol : word) {
      out.add(ids.getOrDefault(symbol, unknown));
    }
    return out;
  }

  private static void mergeInPlace(List<String> word, String left, String right) {
    for (int i = 0; i + 1 < word.size(); i++) {
      if (word.get(i).equals(left) && word.get(i + 1).equals(right)) {
        word.set(i, left + right);
        word.remove(i + 1);
      }
    }
  }

  /** Splits text into pieces, each with its leading space made visible as {@code ▁}. */
  static List<String> pieces(String text) {
    String normalized = text.strip().replaceAll("\\s+", " ");
    List<String> out = new ArrayList<>();
    Matcher m = PIECE.matcher(normalized);
    while (m.find()) {
      out.add(m.group().replace(' ', SPACE));
    }
    return out;
  }

  /** The learnt symbols in id order (after the specials), for inspection. */
  public Map<Integer, String> symbolsById() {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      out.put(i + SPECIALS, symbols.get(i));
    }
    return out;
  }
}
