package org.distill4j.core.corpus;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Counts over a corpus, gathered one record at a time: records per kind and per relation, the
 * distribution of lengths in words, and duplicates by content id. Memory grows with the number
 * of distinct ids (one short string each), not with record size.
 */
public final class CorpusStats {
  private static final Pattern WORDS = Pattern.compile("\\s+");
  private static final int MAX_TRACKED_LENGTH = 4096;

  private final Map<String, Long> perKind = new TreeMap<>();
  private final Map<String, Map<String, Long>> perRelation = new TreeMap<>();
  private final long[] lengthCounts = new long[MAX_TRACKED_LENGTH + 1];
  private final Set<String> ids = new HashSet<>();
  private long records;
  private long duplicates;
  private long badLines;
  private long totalWords;

  /** Adds one record. */
  public void add(CorpusRecord record) {
    records++;
    String kind = record.knowledge().kind().id();
    perKind.merge(kind, 1L, Long::sum);
    perRelation.computeIfAbsent(kind, k -> new TreeMap<>())
        .merge(record.knowledge().relation(), 1L, Long::sum);
    String text = record.knowledge().text().strip();
    int words = text.isEmpty() ? 0 : WORDS.split(text).length;
    totalWords += words;
    lengthCounts[Math.min(words, MAX_TRACKED_LENGTH)]++;
    if (!ids.add(record.id())) {
      duplicates++;
    }
  }

  /** Counts a line that could not be read as a record. */
  public void addBadLine() {
    badLines++;
  }

  /** The numbers gathered so far. */
  public Summary summary() {
    return new Summary(records, ids.size(), duplicates, badLines, new TreeMap<>(perKind),
        copy(perRelation), lengths());
  }

  private Lengths lengths() {
    if (records == 0) {
      return new Lengths(0, 0, 0, 0, 0, 0.0);
    }
    return new Lengths(percentile(0.0), percentile(0.5), percentile(0.9), percentile(0.99),
        percentile(1.0), (double) totalWords / records);
  }

  private int percentile(double q) {
    long rank = Math.max(1, (long) Math.ceil(q * records));
    long seen = 0;
    for (int len = 0; len <= MAX_TRACKED_LENGTH; len++) {
      seen += lengthCounts[len];
      if (seen >= rank) {
        return len;
      }
    }
    return MAX_TRACKED_LENGTH;
  }

  private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> m) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
    return out;
  }

  /**
   * What a corpus holds.
   *
   * @param records records read
   * @param distinct distinct content ids
   * @param duplicates records whose id appeared earlier in the corpus
   * @param badLines lines that were not valid records
   * @param perKind records per knowledge kind
   * @param perRelation records per relation within each kind
   * @param lengthWords length of each record's text, in words
   */
  public record Summary(long records, long distinct, long duplicates, long badLines,
      Map<String, Long> perKind, Map<String, Map<String, Long>> perRelation,
      Lengths lengthWords) {}

  /** Length distribution; lengths above 4,096 words count as 4,096. */
  public record Lengths(int min, int p50, int p90, int p99, int max, double mean) {}
}
