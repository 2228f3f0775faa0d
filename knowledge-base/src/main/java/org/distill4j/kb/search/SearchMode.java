package org.distill4j.kb.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a search ranks records: by words (BM25), by meaning (vectors), or both fused. */
public enum SearchMode {
  /** Lucene BM25 over the record text; works on keyword-only stores. */
  BM25,
  /** Nearest neighbours of the query's all-MiniLM-L6-v2 vector. */
  VECTOR,
  /** BM25 and vector rankings merged by reciprocal rank fusion. */
  HYBRID;

  /** Parses {@code bm25}, {@code vector} or {@code hybrid}, any case. */
  public static SearchMode parse(String value) {
    for (SearchMode m : values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown search mode \"" + value + "\"; expected one of "
        + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
  }
}
