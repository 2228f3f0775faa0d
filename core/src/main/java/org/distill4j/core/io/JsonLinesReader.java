package org.distill4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private final Utf8LineReader in;
  private long good;
  private long bad;
  private boolean iterated;

  private JsonLinesReader(Path file, ObjectReader reader) {
    this.file = file;
    this.reader = reader;
    try {
      this.in = new Utf8LineReader(Files.newInputStream(file));
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

  /**
   * Why {@code text}, one line of a file, is not a value of {@code type}, in the words a reader
   * of that file uses for its bad lines; null when it is one. For jobs that split a file between
   * machines and still report its bad lines as a local read would.
   */
  public static String problem(String text, Class<?> type) {
    try {
      CorpusJson.json().readerFor(type).readValue(text);
      return null;
    } catch (JsonProcessingException e) {
      throwIfVmError(e);
      return JacksonProblems.describe(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code file} with a caller's mapper, for types that need their own configuration. */
  public static <T> JsonLinesReader<T> open(Path file, Class<T> type, ObjectMapper mapper) {
    return new JsonLinesReader<>(file, mapper.readerFor(type));
  }

  /**
   * Refuses an input corpus with no records at all (empty, or blank lines only): a command given
   * one would do nothing and say it succeeded. Reads only up to the first non-blank line.
   */
  public static void requireRecords(Path file) {
    try (Utf8LineReader in = new Utf8LineReader(Files.newInputStream(file))) {
      for (Utf8LineReader.Line line = in.next(); line != null; line = in.next()) {
        if (line.undecodable() || !line.text().isBlank()) {
          return;
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(new SourceLocation(file, 0), "file not found");
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
    throw new InputException(new SourceLocation(file, 0), "no records in " + file
        + "; the file is empty");
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

  private ParsedLine<T> parse(Utf8LineReader.Line line) {
    SourceLocation where = new SourceLocation(file, line.number());
    // Only the last line can lack its newline, and when it does the writer was cut off in it.
    boolean torn = !line.terminated();
    String cut = "last line is cut off (no newline at end of file: the writer was stopped"
        + " mid-line); the records before it are complete. ";
    if (line.undecodable()) {
      bad++;
      return new ParsedLine.Bad<>(where, (torn ? cut : "") + line.problem(), line.text(), torn);
    }
    try {
      T value = reader.readValue(line.text());
      good++;
      return new ParsedLine.Good<>(where, value);
    } catch (JsonProcessingException e) {
      throwIfVmError(e);
      bad++;
      String problem = torn ? cut + JacksonProblems.describe(e) : JacksonProblems.describe(e);
      return new ParsedLine.Bad<>(where, problem, line.text(), torn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class LineIterator implements Iterator<ParsedLine<T>> {
    private ParsedLine<T> next;
    private boolean done;

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        Utf8LineReader.Line line = readLine();
        if (line == null) {
          done = true;
        } else if (line.undecodable() || !line.text().isBlank()) {
          next = parse(line);
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

    private Utf8LineReader.Line readLine() {
      try {
        return in.next();
      } catch (IOException e) {
        throw new InputException(
            new SourceLocation(file, in.lineNumber() + 1), "cannot read: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Jackson wraps what a record's constructor throws, the JVM running out of memory included; that
   * is not a bad line (it would be reported as one, "Java heap space" at some line, and the run
   * would go on short of memory). Every reader that turns a parse failure into "invalid" calls
   * this first, so the error is thrown on as what it is.
   */
  public static void throwIfVmError(Throwable e) {
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof VirtualMachineError vme) {
        throw vme;
      }
    }
  }
}
