package org.distill4j.filtering.dedup;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The content ids of kept records, by ordinal, packed as 16 raw bytes each (a content id is 32
 * hex digits), so that a dedup drop can name the record it matched without keeping records.
 */
final class IdTable {
  private static final HexFormat HEX = HexFormat.of();
  private byte[] bytes = new byte[16 * 1024];
  private int size;

  /** Appends an id and returns its ordinal. */
  int add(String contentId) {
    if (contentId.length() != 32) {
      throw new IllegalArgumentException("expected a 32-hex-digit content id, found " + contentId);
    }
    if ((size + 1) * 16 > bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    byte[] raw = HEX.parseHex(contentId);
    System.arraycopy(raw, 0, bytes, size * 16, 16);
    return size++;
  }

  String get(int ordinal) {
    return HEX.formatHex(bytes, ordinal * 16, ordinal * 16 + 16);
  }

  int size() {
    return size;
  }
}
