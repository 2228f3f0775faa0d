package org.distill4j.core.seed;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.io.Utf8LineReader;

/**
 * The text of a CSV or TSV file for the table parser, decoded line by line. A line that is not
 * UTF-8 does not stop the read: it is passed on with U+FFFD in place of its bad bytes and
 * remembered, so the row that holds it can be reported as bad at its own line while the other
 * rows keep flowing.
 */
final class DecodedTable extends Reader {
  private final Utf8LineReader lines;
  private final TreeMap<Long, String> undecodable = new TreeMap<>();
  private String current = "";
  private int offset;
  private boolean done;

  DecodedTable(Utf8LineReader lines) {
    this.lines = lines;
  }

  /**
   * The first undecodable line in {@code [from, to]} with its problem, or null. Rows are asked
   * in order, so lines before {@code from} are forgotten.
   */
  Map.Entry<Long, String> undecodableBetween(long from, long to) {
    undecodable.headMap(from).clear();
    for (Map.Entry<Long, String> e : undecodable.entrySet()) {
      if (e.getKey() >= from && e.getKey() <= to) {
        return e;
      }
    }
    return null;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (offset == current.length()) {
      if (done) {
        return -1;
      }
      Utf8LineReader.Line line = lines.next();
      if (line == null) {
        done = true;
        return -1;
      }
      if (line.undecodable()) {
        undecodable.put(line.number(), line.problem());
      }
      current = line.text() + "\n";
      offset = 0;
    }
    int n = Math.min(len, current.length() - offset);
    current.getChars(offset, offset + n, cbuf, off);
    offset += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
