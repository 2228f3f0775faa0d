package org.distill4j.filtering.dedup;

import org.distill4j.filtering.rules.Words;

/**
 * MinHash signatures over word shingles. Slot {@code k} of a signature is the minimum over the
 * text's shingles of an independent hash {@code h_k}; two texts agree in a slot with probability
 * equal to the Jaccard similarity of their shingle sets, so the share of agreeing slots estimates
 * it. Not thread-safe (it reuses buffers). Slots are kept as 16 bits: a chance agreement of two different minima (1 in 65,536) moves
 * the estimate by far less than its sampling error.
 */
public final class MinHasher {
  private final int slots;
  private final int shingleWords;
  private final long[] seeds;
  private final long[] mins;
  private long[] wordBuf = new long[64];
  private int wordCount;

  /**
   * @param slots signature length (number of hash functions)
   * @param shingleWords words per shingle; texts shorter than that form one shingle
   * @param seed makes the hash family reproducible
   */
  public MinHasher(int slots, int shingleWords, long seed) {
    if (slots < 1 || shingleWords < 1) {
      throw new IllegalArgumentException("slots and shingle size must be at least 1");
    }
    this.slots = slots;
    this.shingleWords = shingleWords;
    this.seeds = new long[slots];
    this.mins = new long[slots];
    long s = seed;
    for (int i = 0; i < slots; i++) {
      s = Hash64.mix(s + 0x9E3779B97F4A7C15L);
      seeds[i] = s | 1;
    }
  }

  public int slots() {
    return slots;
  }

  /** The signature of {@code text}, written into {@code out} (length {@link #slots()}). */
  public void signature(String text, char[] out) {
    long[] wordHash = words(text);
    int n = wordCount;
    int shingles = Math.max(1, n - shingleWords + 1);
    long[] mins = this.mins;
    java.util.Arrays.fill(mins, Long.MAX_VALUE);
    for (int s = 0; s < shingles; s++) {
      long h = 0;
      for (int w = s; w < Math.min(n, s + shingleWords); w++) {
        h = Hash64.mix(h * 31 + wordHash[w]);
      }
      for (int k = 0; k < slots; k++) {
        // One multiply-xorshift per slot: cheap, and independent enough across odd seeds.
        long v = (h ^ seeds[k]) * seeds[k];
        v ^= v >>> 29;
        if (Long.compareUnsigned(v, mins[k]) < 0) {
          mins[k] = v;
        }
      }
    }
    for (int k = 0; k < slots; k++) {
      out[k] = (char) (mins[k] >>> 48);
    }
  }

  /**
   * Hashes of the words of {@code text} as {@link Words#of} splits them (lower-cased letters and
   * digits, inner apostrophes), computed in place without creating strings; sets
   * {@link #wordCount}.
   */
  private long[] words(String text) {
    int n = text.length();
    int count = 0;
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      long h = 0x9E3779B97F4A7C15L;
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          h = (h ^ Character.toLowerCase(c)) * 0x100000001B3L;
        } else if (c == '\'' && i > start && i + 1 < n
            && Character.isLetterOrDigit(text.charAt(i + 1))) {
          h = (h ^ c) * 0x100000001B3L;
        } else {
          break;
        }
        i++;
      }
      if (i > start) {
        if (count == wordBuf.length) {
          wordBuf = java.util.Arrays.copyOf(wordBuf, count * 2);
        }
        wordBuf[count++] = Hash64.mix(h);
      }
    }
    wordCount = count;
    return wordBuf;
  }

  /** The share of slots in which two signatures agree: the Jaccard estimate. */
  public static double similarity(char[] a, int aOffset, char[] b, int bOffset, int slots) {
    int same = 0;
    for (int k = 0; k < slots; k++) {
      if (a[aOffset + k] == b[bOffset + k]) {
        same++;
      }
    }
    return (double) same / slots;
  }
}
