package org.distill4j.kb.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.knowledge.CommonsenseTriple;

/**
 * Reads ATOMIC 2019 CSV files ({@code v4_atomic_*.csv}): an {@code event} column, then one column
 * per relation holding a JSON list of tails, then bookkeeping columns ({@code prefix},
 * {@code split}). Each (event, relation, tail) becomes a triple record; {@code none} tails mean
 * "no inference" and are skipped. The file is streamed, never held in memory.
 */
public final class AtomicCsvImporter {
  /** The provenance source of imported records. */
  public static final String SOURCE = "atomic2019";

  private static final List<String> NOT_RELATIONS = List.of("event", "prefix", "split");

  private final ObjectMapper json = new ObjectMapper();

  /** Counts of one import: rows read and tails skipped as {@code none} or blank. */
  public static final class Counts {
    private long rows;
    private long skipped;

    public long rows() {
      return rows;
    }

    public long skipped() {
      return skipped;
    }
  }

  /**
   * The triples of {@code file}, lazily. Close the stream to close the file.
   *
   * @throws InputException when the header has no {@code event} column, or a cell is not a JSON
   *     list of strings (naming file and line)
   */
  public Stream<CorpusRecord> read(Path file, Counts counts) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage());
    }
    CsvRows rows = new CsvRows(reader, file.toString());
    CsvRows.Row header = rows.next();
    if (header == null || !header.fields().contains("event")) {
      closeQuietly(reader);
      throw new InputException(new SourceLocation(file, 1),
          "expected an ATOMIC 2019 header starting with \"event\", found "
              + (header == null ? "an empty file" : header.fields()));
    }
    List<String> columns = header.fields();
    int event = columns.indexOf("event");
    Iterator<CorpusRecord> it = new Iterator<>() {
      private final Deque<CorpusRecord> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty()) {
          CsvRows.Row row = rows.next();
          if (row == null) {
            return false;
          }
          counts.rows++;
          expand(file, row, columns, event, pending, counts);
        }
        return true;
      }

      @Override
      public CorpusRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.removeFirst();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .onClose(() -> closeQuietly(reader));
  }

  private void expand(Path file, CsvRows.Row row, List<String> columns, int event,
      Deque<CorpusRecord> out, Counts counts) {
    SourceLocation at = new SourceLocation(file, row.line());
    if (row.fields().size() != columns.size()) {
      throw new InputException(at, "expected " + columns.size() + " columns, found "
          + row.fields().size());
    }
    String head = row.fields().get(event).strip();
    if (head.isEmpty()) {
      throw new InputException(at, "column \"event\" is empty");
    }
    for (int c = 0; c < columns.size(); c++) {
      String relation = columns.get(c);
      if (NOT_RELATIONS.contains(relation)) {
        continue;
      }
      String cell = row.fields().get(c).strip();
      if (cell.isEmpty()) {
        continue;
      }
      List<String> tails;
      try {
        tails = json.readerForListOf(String.class).readValue(cell);
      } catch (JsonProcessingException e) {
        throw new InputException(at, "column \"" + relation
            + "\" must be a JSON list of strings, found " + cell);
      }
      for (String tail : tails) {
        if (tail == null || tail.isBlank() || tail.strip().equalsIgnoreCase("none")) {
          counts.skipped++;
          continue;
        }
        try {
          out.add(CorpusRecord.of(new CommonsenseTriple(head, relation, tail),
              Provenance.imported(SOURCE)));
        } catch (IllegalArgumentException e) {
          throw new InputException(at, "column \"" + relation + "\": " + e.getMessage());
        }
      }
    }
  }

  private static void closeQuietly(BufferedReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
