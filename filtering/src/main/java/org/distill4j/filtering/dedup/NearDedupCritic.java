package org.distill4j.filtering.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Drops records whose word-shingle set is at least {@code threshold} Jaccard-similar to an
 * earlier kept record, found with MinHash and locality-sensitive hashing: the signature is cut
 * into {@code bands} bands of {@code rows} slots, records sharing a whole band become candidates,
 * and each candidate's similarity is estimated from the two signatures. A pair of similarity s
 * becomes a candidate with probability 1 - (1 - s^rows)^bands; with the defaults (8 bands of 4)
 * that is 0.98 at s = 0.8 and 0.30 at s = 0.4, so the threshold should be 0.7 or above, or use
 * more bands.
 *
 * <p>Memory per kept record: the signature (2 bytes a slot), one entry per band in a hash table
 * and a chain link, and the 16-byte id: about 250 bytes with the defaults, whatever the text.
 */
public final class NearDedupCritic implements Critic {
  private final double threshold;
  private final MinHasher hasher;
  private final int bands;
  private final int rows;
  private final LongIntTable[] heads;
  private int[][] next;
  private char[] signatures = new char[1 << 16];
  private final IdTable ids = new IdTable();
  private int stamp;
  private long candidates;
  private int[] stamps = new int[1 << 12];

  /**
   * @param threshold the Jaccard similarity at and above which a record is a duplicate
   * @param shingleWords words per shingle
   * @param bands LSH bands
   * @param rows slots per band; the signature has bands x rows slots
   */
  public NearDedupCritic(double threshold, int shingleWords, int bands, int rows) {
    if (threshold <= 0 || threshold > 1 || shingleWords < 1 || bands < 1 || rows < 1) {
      throw new IllegalArgumentException("need 0 < threshold <= 1 and shingle_words, bands, rows"
          + " >= 1; found threshold " + threshold + ", shingle_words " + shingleWords + ", bands "
          + bands + ", rows " + rows);
    }
    this.threshold = threshold;
    this.bands = bands;
    this.rows = rows;
    this.hasher = new MinHasher(bands * rows, shingleWords, 42);
    this.heads = new LongIntTable[bands];
    this.next = new int[bands][1 << 12];
    for (int b = 0; b < bands; b++) {
      heads[b] = new LongIntTable(1 << 12);
    }
  }

  /** Defaults: word bigrams, 8 bands of 4 slots. */
  public NearDedupCritic(double threshold) {
    this(threshold, 2, 8, 4);
  }

  /** Candidate pairs whose signatures were compared so far: the LSH work beyond hashing. */
  public long candidatesChecked() {
    return candidates;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    List<Assessment> out = new ArrayList<>(batch.size());
    int slots = hasher.slots();
    char[] sig = new char[slots];
    long[] bandKeys = new long[bands];
    for (CorpusRecord r : batch) {
      hasher.signature(r.knowledge().text(), sig);
      stamp++;
      int best = -1;
      double bestSim = 0;
      for (int b = 0; b < bands; b++) {
        long key = b;
        for (int k = b * rows; k < (b + 1) * rows; k++) {
          key = key * 65_537 + sig[k];
        }
        bandKeys[b] = key;
        for (int c = heads[b].get(key); c >= 0; c = next[b][c]) {
          if (stamps[c] == stamp) {
            continue;
          }
          stamps[c] = stamp;
          candidates++;
          double sim = MinHasher.similarity(sig, 0, signatures, c * slots, slots);
          if (sim > bestSim) {
            bestSim = sim;
            best = c;
          }
        }
      }
      if (best >= 0 && bestSim >= threshold) {
        out.add(Assessment.reject(String.format(Locale.ROOT,
            "near duplicate of %s (jaccard %.2f)", ids.get(best), bestSim), bestSim));
        continue;
      }
      int ord = ids.add(r.id());
      ensureCapacity(ord + 1, slots);
      System.arraycopy(sig, 0, signatures, ord * slots, slots);
      for (int b = 0; b < bands; b++) {
        int prev = heads[b].put(bandKeys[b], ord);
        next[b][ord] = prev;
      }
      out.add(Assessment.keep(best >= 0 ? bestSim : 0));
    }
    return out;
  }

  private void ensureCapacity(int records, int slots) {
    if (records * slots > signatures.length) {
      signatures = Arrays.copyOf(signatures, Math.max(records * slots, signatures.length * 2));
    }
    if (records > stamps.length) {
      int cap = Math.max(records, stamps.length * 2);
      stamps = Arrays.copyOf(stamps, cap);
      for (int b = 0; b < bands; b++) {
        next[b] = Arrays.copyOf(next[b], cap);
      }
    }
  }
}
