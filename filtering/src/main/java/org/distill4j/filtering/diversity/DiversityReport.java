package org.distill4j.filtering.diversity;

import com.carrotsearch.hppc.LongHashSet;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.filtering.dedup.Hash64;
import org.distill4j.filtering.rules.Generated;
import org.distill4j.filtering.rules.Words;

/**
 * How varied a corpus is, overall and per relation. Measured on the generated part of each item
 * (a triple's tail, an answer), since the input part repeats by design. distinct-n is the number
 * of distinct word n-grams divided by the number of n-grams; the unique ratio is distinct
 * normalised items divided by items. N-grams are kept as 64-bit hashes, not strings.
 *
 * @param overall the whole corpus
 * @param byRelation one entry per relation (ATOMIC relation, adjective, or kind id)
 */
public record DiversityReport(Slice overall, Map<String, Slice> byRelation) {

  /**
   * Diversity of one slice of the corpus.
   *
   * @param items records
   * @param uniqueRatio distinct normalised outputs / items
   * @param distinct1 distinct unigrams / unigrams
   * @param distinct2 distinct bigrams / bigrams
   */
  @JsonPropertyOrder({"items", "uniqueRatio", "distinct1", "distinct2"})
  public record Slice(long items, double uniqueRatio, double distinct1, double distinct2) {}

  /** Reads every record once. */
  public static DiversityReport of(Iterator<CorpusRecord> records) {
    Tally tally = new Tally();
    records.forEachRemaining(tally::add);
    return tally.report();
  }

  /** Counts records as they come, for a writer that has them in hand and need not read back. */
  public static final class Tally {
    private final Counter all = new Counter();
    private final Map<String, Counter> rel = new TreeMap<>();

    /** Counts one record. */
    public void add(CorpusRecord r) {
      String out = Generated.output(r.knowledge());
      List<String> words = Words.of(out);
      String norm = TextNormalizer.normalize(out);
      all.add(norm, words);
      rel.computeIfAbsent(r.knowledge().relation(), k -> new Counter()).add(norm, words);
    }

    /** The diversity of the records counted so far. */
    public DiversityReport report() {
      Map<String, Slice> by = new TreeMap<>();
      rel.forEach((k, c) -> by.put(k, c.slice()));
      return new DiversityReport(all.slice(), by);
    }
  }

  private static final class Counter {
    long items;
    long unigrams;
    long bigrams;
    // Primitive sets: a boxed Long in a HashSet costs about 48 bytes, a slot here 8 to 16, which
    // is what lets a million kept records be reported in a few hundred MiB of heap.
    final LongHashSet texts = new LongHashSet();
    final LongHashSet uni = new LongHashSet();
    final LongHashSet bi = new LongHashSet();

    void add(String norm, List<String> words) {
      items++;
      texts.add(Hash64.of(norm));
      long prev = 0;
      for (int i = 0; i < words.size(); i++) {
        long h = Hash64.of(words.get(i));
        uni.add(h);
        unigrams++;
        if (i > 0) {
          bi.add(Hash64.mix(prev * 31 + h));
          bigrams++;
        }
        prev = h;
      }
    }

    Slice slice() {
      return new Slice(items, items == 0 ? 0 : (double) texts.size() / items,
          unigrams == 0 ? 0 : (double) uni.size() / unigrams,
          bigrams == 0 ? 0 : (double) bi.size() / bigrams);
    }
  }
}
