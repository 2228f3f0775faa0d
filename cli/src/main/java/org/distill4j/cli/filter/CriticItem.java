package org.distill4j.cli.filter;

import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * One item the critic trains on, calibrates with or scores, whichever file shape it came from (a
 * corpus record or a mapped CSV/TSV/JSON Lines row).
 *
 * @param id the id scores are reported under: the record's id, the user's --id column, or
 *     file:line
 * @param text what the critic embeds
 * @param numbers the numbers side features are read from (a record's scores, or the mapped
 *     side-feature columns)
 * @param where the file and line it came from, for errors
 * @param columns the raw table columns that {@link DerivedFeature}s read; empty for records
 */
record CriticItem(String id, String text, Map<String, Double> numbers, SourceLocation where,
    Map<String, String> columns) {

  CriticItem(String id, String text, Map<String, Double> numbers, SourceLocation where) {
    this(id, text, numbers, where, Map.of());
  }

  /** The side features named {@code names}, in order; a missing one is bad input at its line. */
  double[] side(List<String> names) {
    double[] out = new double[names.size()];
    for (int j = 0; j < out.length; j++) {
      Double v = numbers.get(names.get(j));
      if (v == null) {
        throw new InputException(where, "record " + id + " has no score \"" + names.get(j)
            + "\", a side feature (--side-features) of this critic");
      }
      out[j] = v;
    }
    return out;
  }

  /** The side features of every item, row by row. */
  static double[][] sides(List<CriticItem> items, List<String> names) {
    double[][] out = new double[items.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = items.get(i).side(names);
    }
    return out;
  }
}
