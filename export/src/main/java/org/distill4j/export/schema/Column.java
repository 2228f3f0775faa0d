package org.distill4j.export.schema;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.distill4j.core.corpus.CorpusRecord;

/**
 * One column of an exported table.
 *
 * @param name a lower-case identifier ({@code [a-z][a-z0-9_]*}), valid in Parquet, Arrow, SQL
 *     and Hugging Face features alike
 * @param type its value type
 * @param required true when every record has a value (a non-null Parquet column)
 * @param description one line for the dataset card
 * @param value reads the column's value from a record: an instance of the type's Java class, or
 *     null when the record has none
 * @param categorical true when few distinct values repeat (teacher, recipe, relation, verdict):
 *     such columns are dictionary-encoded; free text and ids are not, since a dictionary of
 *     unique values costs a hash per value and is then dropped by the writer anyway
 */
public record Column(String name, ColumnType type, boolean required, String description,
    Function<CorpusRecord, Object> value, boolean categorical) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("column name must match " + NAME + ", found \"" + name
          + "\"");
    }
    if (type == null || value == null) {
      throw new IllegalArgumentException("column " + name + " needs a type and a value reader");
    }
  }

  /** A column that every record fills. */
  static Column required(String name, ColumnType type, String description,
      Function<CorpusRecord, Object> value) {
    return new Column(name, type, true, description, value, false);
  }

  /** A column that may be null. */
  static Column optional(String name, ColumnType type, String description,
      Function<CorpusRecord, Object> value) {
    return new Column(name, type, false, description, value, false);
  }

  /** This column, marked as holding few distinct values. */
  Column asCategorical() {
    return new Column(name, type, required, description, value, true);
  }

  /**
   * A column name made from free text such as a score or filter name: lower case, every run of
   * other characters as one {@code _}, with {@code prefix} in front.
   */
  static String nameFor(String prefix, String text) {
    String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    return prefix + (s.isEmpty() ? "_" : s);
  }
}
