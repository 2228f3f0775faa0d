package org.distill4j.export.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;

/**
 * The columns that differ from corpus to corpus: the names of the scores and of the filters seen
 * in its records. Gathered in a first pass over the corpus, since a Parquet schema is fixed
 * before the first row.
 *
 * @param scoreNames every score name, sorted
 * @param filterNames every filter that gave a verdict, in the order first seen
 */
public record CorpusShape(List<String> scoreNames, List<String> filterNames) {
  public CorpusShape {
    scoreNames = List.copyOf(new TreeSet<>(scoreNames));
    filterNames = List.copyOf(new LinkedHashSet<>(filterNames));
  }

  /** A shape with no scores and no verdicts. */
  public static CorpusShape empty() {
    return new CorpusShape(List.of(), List.of());
  }

  /** Collects the shape while records stream past. Not thread-safe. */
  public static final class Builder {
    private final Set<String> scores = new TreeSet<>();
    private final Set<String> filters = new LinkedHashSet<>();

    /** Notes the record's score and filter names. */
    public void add(CorpusRecord record) {
      scores.addAll(record.scores().keySet());
      for (Verdict v : record.verdicts()) {
        filters.add(v.filter());
      }
    }

    public CorpusShape build() {
      return new CorpusShape(new ArrayList<>(scores), new ArrayList<>(filters));
    }
  }
}
