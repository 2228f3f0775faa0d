package org.distill4j.kb.importer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * Reads RFC 4180 CSV one row at a time: fields separated by commas, optionally quoted, a quote
 * inside a quoted field doubled, line breaks allowed inside quotes. Each row knows the line it
 * started on, so errors can name it.
 */
final class CsvRows {
  /** One row and the line it starts on (1-based). */
  record Row(long line, List<String> fields) {}

  private final Reader in;
  private final String file;
  private long line = 1;

  CsvRows(Reader in, String file) {
    this.in = in;
    this.file = file;
  }

  /** The next row, or null at the end of the input. */
  Row next() {
    try {
      int c = read();
      if (c == -1) {
        return null;
      }
      long start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (true) {
        if (quoted) {
          if (c == -1) {
            throw new InputException(new SourceLocation(java.nio.file.Path.of(file), start),
                "a quoted field is not closed before the end of the file");
          }
          if (c == '"') {
            int n = read();
            if (n == '"') {
              field.append('"');
            } else {
              quoted = false;
              c = n;
              continue;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (c == '\n' || c == -1) {
          fields.add(field.toString());
          if (c == '\n') {
            line++;
          }
          return new Row(start, fields);
        } else if (c != '\r') {
          field.append((char) c);
        }
        c = read();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private int read() throws IOException {
    return in.read();
  }
}
