package org.distill4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Writes one JSON value per line. Lines are buffered whole and handed to the operating system on
 * {@link #flush()} (and whenever the buffer passes 64 KiB), so a process killed with {@code kill
 * -9} leaves only complete lines, except at worst one torn last line, which the next
 * {@link #append} detects and reports. Call {@link #sync()} where a power cut must not lose data.
 *
 * <p>Thread-safe: concurrent writers never interleave within a line.
 *
 * @param <T> the type of the values written
 */
public final class JsonLinesWriter<T> implements Closeable {
  private static final System.Logger LOG = System.getLogger(JsonLinesWriter.class.getName());
  private static final int FLUSH_BYTES = 64 * 1024;

  private final Path file;
  private final ObjectWriter writer;
  private final FileChannel channel;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
  private final TornTail recovered;
  private long written;
  private boolean closed;
  private volatile Runnable flushBarrier = () -> {};

  private JsonLinesWriter(Path file, ObjectMapper mapper, boolean append) {
    this.file = file;
    this.writer = mapper.writer();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.recovered = append ? TornTail.repair(file, mapper).orElse(null) : null;
      this.channel =
          append
              ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND)
              : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot write: " + e.getMessage(), e);
    }
    if (recovered != null) {
      LOG.log(System.Logger.Level.WARNING, recovered.message());
    }
  }

  /**
   * Opens {@code file} for appending, creating it when missing. A torn last line left by a killed
   * writer is repaired first and reported (see {@link #recovered()}).
   */
  public static <T> JsonLinesWriter<T> append(Path file) {
    return new JsonLinesWriter<>(file, CorpusJson.json(), true);
  }

  /** Opens {@code file} empty, replacing what was there. */
  public static <T> JsonLinesWriter<T> overwrite(Path file) {
    return new JsonLinesWriter<>(file, CorpusJson.json(), false);
  }

  /**
   * Has {@code barrier} run before any buffered line is handed to the operating system. Lines
   * derived from data that must be durable first (e.g. teacher replies in a cache) wait for it
   * there, so a crash never leaves a line on disk whose source is lost. It runs with this
   * writer's lock held and must not write to this writer.
   *
   * @return this writer
   */
  public JsonLinesWriter<T> flushBarrier(Runnable barrier) {
    this.flushBarrier = barrier;
    return this;
  }

  /** The torn last line found and repaired when this writer opened, if there was one. */
  public Optional<TornTail> recovered() {
    return Optional.ofNullable(recovered);
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** Values written by this writer so far. */
  public synchronized long written() {
    return written;
  }

  /** Writes one value as one line; it reaches the file at the next flush. */
  public void write(T value) {
    byte[] bytes;
    try {
      // Serialise outside the lock: concurrent writers only queue for the buffer append.
      bytes = writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getMessage(), e);
    }
    append(bytes);
  }

  /**
   * Writes values as consecutive lines, taking the lock once for all of them (many threads
   * writing small groups otherwise queue for it once per line).
   */
  public void writeAll(List<? extends T> values) {
    if (values.isEmpty()) {
      return;
    }
    byte[][] lines = new byte[values.size()][];
    for (int i = 0; i < lines.length; i++) {
      T value = values.get(i);
      try {
        lines[i] = writer.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getMessage(), e);
      }
    }
    append(lines);
  }

  private synchronized void append(byte[]... lines) {
    ensureOpen();
    for (byte[] bytes : lines) {
      buffer.write(bytes, 0, bytes.length);
      buffer.write('\n');
      written++;
    }
    if (buffer.size() >= FLUSH_BYTES) {
      flush();
    }
  }

  /** Hands every buffered line to the operating system; they survive the process from here on. */
  public synchronized void flush() {
    ensureOpen();
    if (buffer.size() == 0) {
      return;
    }
    flushBarrier.run();
    ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    buffer.reset();
  }

  /** Flushes, then forces the file to disk so a power cut cannot lose it. */
  public synchronized void sync() {
    flush();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file, e);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(file + " is closed");
    }
  }

  /**
   * A last line without a newline, found when a file was opened for appending.
   *
   * @param location the line
   * @param kept true when the line was complete JSON (only the newline was missing) and was kept;
   *     false when it was cut mid-value and moved to {@code movedTo}
   * @param movedTo where the cut text was saved, or null when kept
   * @param raw the text of the line
   */
  public record TornTail(SourceLocation location, boolean kept, Path movedTo, String raw) {

    /** What a user is told. */
    public String message() {
      return kept
          ? location + ": last line had no newline but is complete JSON; newline added, line kept"
          : location + ": last line was cut off mid-write (process killed?); moved its "
              + raw.length() + " characters to " + movedTo
              + " and kept the complete lines before it";
    }

    static Optional<TornTail> repair(Path file, ObjectMapper mapper) throws IOException {
      if (!Files.exists(file) || Files.size(file) == 0) {
        return Optional.empty();
      }
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = ch.size();
        if (lastByte(ch, size) == '\n') {
          return Optional.empty();
        }
        long start = lastNewline(ch, size) + 1;
        ByteBuffer tailBytes = ByteBuffer.allocate((int) Math.min(size - start, Integer.MAX_VALUE));
        ch.read(tailBytes, start);
        String raw = new String(tailBytes.array(), 0, tailBytes.position(), StandardCharsets.UTF_8);
        SourceLocation where = new SourceLocation(file, countNewlines(ch, start) + 1);
        if (isCompleteJson(raw, mapper)) {
          ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
          return Optional.of(new TornTail(where, true, null, raw));
        }
        Path torn = file.resolveSibling(file.getFileName() + ".torn");
        // Save the fragment before truncating: if we die in between, it exists twice, never zero.
        Files.writeString(torn, raw + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        ch.truncate(start);
        ch.force(true);
        return Optional.of(new TornTail(where, false, torn, raw));
      }
    }

    private static boolean isCompleteJson(String raw, ObjectMapper mapper) {
      if (raw.isBlank()) {
        return false;
      }
      try {
        mapper.readTree(raw);
        return true;
      } catch (JsonProcessingException e) {
        return false;
      }
    }

    private static byte lastByte(FileChannel ch, long size) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, size - 1);
      return b.get(0);
    }

    private static long lastNewline(FileChannel ch, long size) throws IOException {
      ByteBuffer chunk = ByteBuffer.allocate(8192);
      long end = size;
      while (end > 0) {
        long begin = Math.max(0, end - chunk.capacity());
        chunk.clear().limit((int) (end - begin));
        ch.read(chunk, begin);
        for (int i = (int) (end - begin) - 1; i >= 0; i--) {
          if (chunk.get(i) == '\n') {
            return begin + i;
          }
        }
        end = begin;
      }
      return -1;
    }

    private static long countNewlines(FileChannel ch, long limit) throws IOException {
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      long count = 0;
      for (long pos = 0; pos < limit; ) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), limit - pos));
        int n = ch.read(chunk, pos);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (chunk.get(i) == '\n') {
            count++;
          }
        }
        pos += n;
      }
      return count;
    }
  }
}
