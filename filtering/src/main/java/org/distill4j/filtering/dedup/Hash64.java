package org.distill4j.filtering.dedup;

/**
 * A fast 64-bit string hash (per-character multiply-xor followed by a MurmurHash3-style final
 * mix). Dedup hashes every record and shingle, so SHA-256 would dominate the run; collisions at
 * 64 bits are negligible below billions of records.
 */
public final class Hash64 {
  private Hash64() {}

  /** Hash of a character sequence. */
  public static long of(CharSequence s) {
    long h = 0x9E3779B97F4A7C15L ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** MurmurHash3's fmix64: spreads every input bit over every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Hash of {@code TextNormalizer.normalize(text)}, computed without building the normalised
   * string when the text is plain ASCII (the common case, and where exact dedup spends its time);
   * other text takes the normaliser's own path. Both paths give the same hash.
   */
  public static long ofNormalized(String text) {
    int n = text.length();
    char[] buf = new char[n];
    int len = 0;
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 128 || (c >= 0x1C && c <= 0x1F)) {
        return of(org.distill4j.core.knowledge.TextNormalizer.normalize(text));
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
        space = true;
        continue;
      }
      if (space && len > 0) {
        buf[len++] = ' ';
      }
      space = false;
      buf[len++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '.' || buf[len - 1] == '!'
        || buf[len - 1] == '?' || buf[len - 1] == ';' || buf[len - 1] == ',')) {
      len--;
    }
    return of(java.nio.CharBuffer.wrap(buf, 0, len));
  }
}
