package org.distill4j.core.seed;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.io.Utf8LineReader;

/**
 * The rows of a CSV or TSV seed file after its header, each as a seed or a bad line: cells named
 * by the header (or numbered, without one), then mapped by the {@link FieldMapping}. A row with
 * bytes that are not UTF-8, or with another column count than the header, is a bad line.
 */
final class TableRows implements Iterator<ParsedLine<Seed>> {
  private final Path file;
  private final FieldMapping mapping;
  private final DecodedTable in;
  private final MappingIterator<List<String>> it;
  private final List<String> header;
  private final char separator;
  private final boolean hasHeader;

  private TableRows(Path file, FieldMapping mapping, DecodedTable in,
      MappingIterator<List<String>> it, List<String> header, char separator, boolean hasHeader) {
    this.file = file;
    this.mapping = mapping;
    this.in = in;
    this.it = it;
    this.header = header;
    this.separator = separator;
    this.hasHeader = hasHeader;
  }

  /**
   * Reads the header of the table {@code in} decodes from {@code file} (or counts the first row's
   * columns when it has none) and refuses a mapping that names a column it lacks.
   */
  static TableRows open(Path file, FieldMapping mapping, DecodedTable in, char separator,
      boolean hasHeader) throws IOException {
    MappingIterator<List<String>> it = csvRows(in, separator);
    List<String> header = hasHeader ? header(file, it, in) : numberedColumns(file, separator);
    requireMappedColumns(file, mapping, header);
    return new TableRows(file, mapping, in, it, header, separator, hasHeader);
  }

  /** The column names: the header's, or 0..n-1 without one. */
  List<String> columns() {
    return header;
  }

  @Override
  public boolean hasNext() {
    try {
      return it.hasNextValue();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public ParsedLine<Seed> next() {
    List<String> row;
    long line;
    try {
      // After hasNextValue() the reading position is the start of the row: its line is the
      // row's, even when a quoted field spans lines.
      it.hasNextValue();
      line = it.getCurrentLocation().getLineNr();
      row = it.nextValue();
    } catch (IOException e) {
      throw unreadable(e);
    }
    SourceLocation where = new SourceLocation(file, Math.max(line, hasHeader ? 2 : 1));
    String raw = String.join(String.valueOf(separator), row);
    Map.Entry<Long, String> undecodable = in.undecodableBetween(where.line(), lastLine(it));
    if (undecodable != null) {
      return new ParsedLine.Bad<>(new SourceLocation(file, undecodable.getKey()),
          undecodable.getValue(), raw, false);
    }
    return seedOf(row, where, raw);
  }

  /** A decoded row as a seed: its cells named by the header (and by number), then mapped. */
  private ParsedLine<Seed> seedOf(List<String> row, SourceLocation where, String raw) {
    if (row.size() != header.size()) {
      return new ParsedLine.Bad<>(where, "expected " + header.size() + " columns as in the"
          + (hasHeader ? " header" : " first row") + ", found " + row.size(), raw, false);
    }
    if (mapping.isIdentity()) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        fields.put(header.get(i), row.get(i));
      }
      return new ParsedLine.Good<>(where, new Seed(fields, where));
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      named.put(header.get(i), row.get(i));
      named.put(Integer.toString(i), row.get(i));
    }
    return mapping.apply(where, named, raw);
  }

  private InputException unreadable(IOException e) {
    return new InputException(new SourceLocation(file, it.getCurrentLocation().getLineNr()),
        "unreadable row: " + e.getMessage(), e);
  }

  /** A CSV or TSV parser over {@code in}: each row a list of cells, empty lines skipped. */
  private static MappingIterator<List<String>> csvRows(Reader in, char separator)
      throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    if (separator == '\t') {
      // TSV has no quoting: a quote is just a character.
      schema = schema.withoutQuoteChar().withoutEscapeChar();
    }
    return new CsvMapper().readerForListOf(String.class)
        .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES)
        .with(schema)
        .readValues(in);
  }

  /** Refuses a mapping that names a column the table does not have. */
  private static void requireMappedColumns(Path file, FieldMapping mapping, List<String> header) {
    for (Map.Entry<String, String> e : mapping.sources().entrySet()) {
      int idx = FieldMapping.columnIndex(e.getValue());
      if (idx < 0 ? !header.contains(e.getValue()) : idx >= header.size()) {
        throw new InputException(new SourceLocation(file, 1),
            "field \"" + e.getKey() + "\" maps to column \"" + e.getValue()
                + "\", but the header has " + header);
      }
    }
  }

  /** The header row's column names; refused when absent or not UTF-8. */
  private static List<String> header(
      Path file, MappingIterator<List<String>> it, DecodedTable in) {
    if (!it.hasNext()) {
      throw new InputException(new SourceLocation(file, 0), "no seeds in " + file
          + "; the file is empty (a header row was expected)");
    }
    List<String> header = it.next().stream().map(String::strip).toList();
    Map.Entry<Long, String> undecodable = in.undecodableBetween(1, lastLine(it));
    if (undecodable != null) {
      throw new InputException(new SourceLocation(file, undecodable.getKey()),
          "the header row has " + undecodable.getValue());
    }
    return header;
  }

  /** The line the row just read ends on: the parser stands after its line break, if any. */
  private static long lastLine(MappingIterator<List<String>> it) {
    var at = it.getCurrentLocation();
    return at.getColumnNr() <= 1 ? Math.max(1, at.getLineNr() - 1) : at.getLineNr();
  }

  /** Names 0..n-1 for a file without a header, n being the first row's column count. */
  private static List<String> numberedColumns(Path file, char separator) throws IOException {
    try (DecodedTable first = new DecodedTable(new Utf8LineReader(Files.newInputStream(file)));
        MappingIterator<List<String>> it = csvRows(first, separator)) {
      int columns = it.hasNext() ? it.next().size() : 0;
      List<String> names = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        names.add(Integer.toString(i));
      }
      return names;
    }
  }
}
