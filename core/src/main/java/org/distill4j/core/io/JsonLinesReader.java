package org.distill4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a JSON Lines file one line at a time; memory does not grow with the file. Every line is
 * parsed and validated on its own, so one bad line never hides the others: iterate
 * {@link #lines()} to see each line's outcome, or {@link #records(BadLinePolicy)} to get the good
 * values while bad lines go to a policy (fail at the first, or route them to a reject file).
 *
 * <p>A last line with no newline that does not parse is reported as <em>torn</em>: the writer was
 * killed in the middle of it. The complete lines before it are unaffected. A last line without a
 * newline that does parse is a hand-written file's last record and is kept.
 *
 * <p>Not thread-safe; one reader per thread.
 *
 * @param <T> the type each line holds
 */
public final class JsonLinesReader<T> implements Closeable {
  private final Path file;
  private final ObjectReader reader;
  private final BufferedReader in;
  private final boolean endsWithNewline;
  private long lineNumber;
  private long good;
  private long bad;
  private boolean iterated;

  private JsonLinesReader(Path file, ObjectReader reader) {
    this.file = file;
    this.reader = reader;
    try {
      this.endsWithNewline = endsWithNewline(file);
      this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(new SourceLocation(file, 0), "file not found");
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
  }

  /** Opens {@code file} for reading values of {@code type} with the shared mapper. */
  public static <T> JsonLinesReader<T> open(Path file, Class<T> type) {
    return open(file, type, CorpusJson.json());
  }

  /** Opens {@code file} with a caller's mapper, for types that need their own configuration. */
  public static <T> JsonLinesReader<T> open(Path file, Class<T> type, ObjectMapper mapper) {
    return new JsonLinesReader<>(file, mapper.readerFor(type));
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** Lines that parsed so far. */
  public long goodLines() {
    return good;
  }

  /** Lines that did not parse so far. */
  public long badLines() {
    return bad;
  }

  /** Every non-blank line's outcome, in file order. Can be consumed once. */
  public Iterator<ParsedLine<T>> lines() {
    if (iterated) {
      throw new IllegalStateException(file + " is already being read; open it again");
    }
    iterated = true;
    return new LineIterator();
  }

  /** The values of the good lines; each bad line goes to {@code policy} first. */
  public Stream<T> records(BadLinePolicy policy) {
    Iterator<ParsedLine<T>> lines = lines();
    Iterator<T> values =
        new Iterator<>() {
          private T next;

          @Override
          public boolean hasNext() {
            while (next == null && lines.hasNext()) {
              ParsedLine<T> line = lines.next();
              if (line instanceof ParsedLine.Good<T> g) {
                next = g.value();
              } else {
                policy.onBadLine((ParsedLine.Bad<?>) line);
              }
            }
            return next != null;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            T value = next;
            next = null;
            return value;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(values, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Reads every line, failing with an {@link InputException} at the first bad one. */
  public void forEach(Consumer<? super T> action) {
    try (Stream<T> s = records(BadLinePolicy.failFast())) {
      s.forEach(action);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ParsedLine<T> parse(String line, boolean last) {
    SourceLocation where = new SourceLocation(file, lineNumber);
    try {
      T value = reader.readValue(line);
      good++;
      return new ParsedLine.Good<>(where, value);
    } catch (JsonProcessingException e) {
      bad++;
      boolean torn = last && !endsWithNewline;
      String problem =
          torn
              ? "last line is cut off (no newline at end of file: the writer was stopped"
                  + " mid-line); the records before it are complete. "
                  + JacksonProblems.describe(e)
              : JacksonProblems.describe(e);
      return new ParsedLine.Bad<>(where, problem, line, torn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (var channel = Files.newByteChannel(file)) {
      long size = channel.size();
      if (size == 0) {
        return true;
      }
      var buf = java.nio.ByteBuffer.allocate(1);
      channel.position(size - 1);
      channel.read(buf);
      return buf.get(0) == '\n';
    }
  }

  private final class LineIterator implements Iterator<ParsedLine<T>> {
    private String pending = readLine();
    private ParsedLine<T> next;

    @Override
    public boolean hasNext() {
      while (next == null && pending != null) {
        String line = pending;
        pending = readLine();
        lineNumber++;
        if (!line.isBlank()) {
          next = parse(line, pending == null);
        }
      }
      return next != null;
    }

    @Override
    public ParsedLine<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ParsedLine<T> line = next;
      next = null;
      return line;
    }

    private String readLine() {
      try {
        return in.readLine();
      } catch (IOException e) {
        throw new InputException(
            new SourceLocation(file, lineNumber + 1), "cannot read: " + e.getMessage(), e);
      }
    }
  }
}
