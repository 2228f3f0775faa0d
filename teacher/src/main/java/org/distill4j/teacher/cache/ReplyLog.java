package org.distill4j.teacher.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.distill4j.core.logprob.CompactLogprobs;
import org.distill4j.teacher.TeacherReply;

/**
 * The cache's write-ahead log: each reply is appended as one JSON line with one {@code write()}
 * before {@link ReplyCache#store} returns, and the SQLite commits follow in batches behind it. A
 * byte handed to the OS survives the death of the process ({@code kill -9}), though not a power
 * cut, so a reply is safe from a kill before its worker takes the next request, at the cost of a
 * system call rather than a commit.
 *
 * <p>Each open cache writes segments of its own ({@code replies-PID-RANDOM-N.log}) and holds an
 * exclusive lock on the one it appends to; the OS drops the lock when the process dies. Opening a
 * cache replays every segment nobody holds (a killed writer's) into the database and deletes it;
 * a last line without its newline was cut by the kill, was never acknowledged to anyone, and is
 * dropped. A segment whose every line is committed is deleted by its writer.
 */
final class ReplyLog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplyLog.class.getName());
  private static final String PREFIX = "replies-";
  private static final String SUFFIX = ".log";
  /** A segment is closed at this size; it is deleted once its last line is committed. */
  static final long SEGMENT_BYTES = 16L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  /**
   * Segments this JVM appends to. A replay here never opens them: closing a second channel on a
   * file drops every lock this process holds on it (POSIX record locks).
   */
  private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

  /**
   * One logged reply, as the line holds it. {@code storedAtNanos} (nanoseconds since the epoch)
   * is what this version writes; {@code storedAt} (ISO-8601) is read from lines written before.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Entry(String key, int slot, Integer maxTokens, String text, String finish,
      Integer inputTokens, Integer outputTokens, String model, Long storedAtNanos,
      String storedAt, String logprobs) {

    /** The row; throws when the line holds no valid key, finish reason, time or logprobs. */
    ReplyTable.Row row() {
      TeacherReply reply = new TeacherReply(text, TeacherReply.Finish.valueOf(finish),
          inputTokens, outputTokens, model,
          logprobs == null ? null : CompactLogprobs.decode(logprobs));
      Instant at = storedAtNanos != null
          ? Instant.ofEpochSecond(0, storedAtNanos)
          : Instant.parse(storedAt);
      return new ReplyTable.Row(new CacheKey(key).hex(), slot,
          new CachedReply(reply, maxTokens, at));
    }
  }

  /** A segment file, open with its lock held. */
  static final class Segment {
    final Path path;
    /**
     * A plain stream in append mode: one write(2) per line, and the kernel keeps concurrent
     * appends whole, so appenders share the file without a Java lock.
     */
    final FileOutputStream out;
    final FileLock lock;
    final AtomicLong bytes = new AtomicLong();
    /** Lines appended whose commit has not been reported yet. */
    final AtomicInteger uncommitted = new AtomicInteger();

    Segment(Path path, FileOutputStream out, FileLock lock) {
      this.path = path;
      this.out = out;
      this.lock = lock;
    }

    void delete() throws IOException {
      try {
        Files.deleteIfExists(path);
      } finally {
        OWNED.remove(path);
        out.close(); // releases the lock
      }
    }
  }

  private final Path folder;
  private final String stem;
  private final long segmentBytes;
  private int segments;
  private volatile Segment current;
  private boolean shut;
  /** Appends share it; a rotation takes it alone, so no line goes to a segment being closed. */
  private final ReentrantReadWriteLock rotation = new ReentrantReadWriteLock();
  /** Closed segments waiting for their lines' commits. */
  private final ArrayDeque<Segment> closed = new ArrayDeque<>();

  private ReplyLog(Path folder, long segmentBytes) {
    this.folder = folder.toAbsolutePath().normalize();
    this.segmentBytes = segmentBytes;
    this.stem = PREFIX + ProcessHandle.current().pid() + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
  }

  /**
   * A new log in {@code folder}, closing segments at {@code segmentBytes}; its first segment is
   * created with the first append.
   */
  static ReplyLog create(Path folder, long segmentBytes) {
    return new ReplyLog(folder, segmentBytes);
  }

  /**
   * The line of one reply, newline included, built outside any lock. Written field by field:
   * this runs on the request thread of every reply, where a data-bound serializer and an
   * ISO-8601 timestamp cost more than the append itself.
   */
  static byte[] encode(ReplyTable.Row r) {
    TeacherReply reply = r.cached().reply();
    Instant at = r.cached().storedAt();
    ByteArrayOutputStream b =
        new ByteArrayOutputStream(160 + (reply.text() == null ? 0 : reply.text().length()));
    try (JsonGenerator g = FACTORY.createGenerator(b)) {
      g.writeStartObject();
      g.writeStringField("key", r.key());
      g.writeNumberField("slot", r.slot());
      writeInteger(g, "maxTokens", r.cached().maxTokens());
      g.writeStringField("text", reply.text());
      g.writeStringField("finish", reply.finish().name());
      writeInteger(g, "inputTokens", reply.inputTokens());
      writeInteger(g, "outputTokens", reply.outputTokens());
      g.writeStringField("model", reply.model());
      if (reply.logprobs() != null) {
        // Left out when absent, so that lines without them read as they always did.
        g.writeStringField("logprobs", CompactLogprobs.encode(reply.logprobs()));
      }
      g.writeNumberField("storedAtNanos",
          Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano()));
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    b.write('\n');
    return b.toByteArray();
  }

  private static void writeInteger(JsonGenerator g, String name, Integer value)
      throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  /**
   * Appends a line with one system call, concurrently with other appends; report its commit to
   * {@link #committed} with the segment returned.
   */
  Segment append(byte[] line) throws IOException {
    while (true) {
      rotation.readLock().lock();
      try {
        Segment s = current;
        if (s != null && s.bytes.get() < segmentBytes) {
          s.uncommitted.incrementAndGet();
          s.out.write(line);
          s.bytes.addAndGet(line.length);
          return s;
        }
      } finally {
        rotation.readLock().unlock();
      }
      rotation.writeLock().lock();
      try {
        Segment s = current;
        if (s == null || s.bytes.get() >= segmentBytes) {
          rotate();
        }
      } finally {
        rotation.writeLock().unlock();
      }
    }
  }

  private synchronized void rotate() throws IOException {
    if (shut) {
      throw new IOException("reply log in " + folder + " is closed");
    }
    // The name holds this process's id and a random part: no other writer uses it.
    Path path = folder.resolve(stem + (++segments) + SUFFIX);
    OWNED.add(path);
    FileOutputStream out = new FileOutputStream(path.toFile(), true);
    Segment next;
    try {
      // Locked before its first line: a replay in another process skips empty segments.
      next = new Segment(path, out, out.getChannel().lock());
    } catch (IOException | RuntimeException e) {
      out.close();
      OWNED.remove(path);
      throw e;
    }
    if (current != null) {
      closed.add(current);
    }
    current = next;
  }

  /** The lines appended to these segments are committed: deletes closed segments left empty. */
  void committed(List<Segment> segmentsOfLines) {
    for (Segment s : segmentsOfLines) {
      s.uncommitted.decrementAndGet();
    }
    synchronized (this) {
      for (var it = closed.iterator(); it.hasNext(); ) {
        Segment s = it.next();
        // A closed segment takes no more lines: none uncommitted means all committed.
        if (s.uncommitted.get() == 0) {
          it.remove();
          try {
            s.delete();
          } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete committed reply log " + s.path, e);
          }
        }
      }
    }
  }

  /** Closes the log; deletes its segments when {@code allCommitted}, else leaves them to replay. */
  void close(boolean allCommitted) throws IOException {
    rotation.writeLock().lock();
    try {
      closeSegments(allCommitted);
    } finally {
      rotation.writeLock().unlock();
    }
  }

  private synchronized void closeSegments(boolean allCommitted) throws IOException {
    shut = true;
    if (current != null) {
      closed.add(current);
      current = null;
    }
    IOException first = null;
    for (Segment s : closed) {
      try {
        if (allCommitted) {
          s.delete();
        } else {
          OWNED.remove(s.path);
          s.out.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    closed.clear();
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }

  /** Segments left by dead writers, claimed (locked) for replay. */
  record Recovered(
      List<ReplyTable.Row> rows, int dropped, List<FileChannel> claimed, List<Path> paths) {
    /** After the entries are committed: deletes the segments and lets go of them. */
    void discard() throws IOException {
      for (int i = 0; i < paths.size(); i++) {
        Files.deleteIfExists(paths.get(i));
        claimed.get(i).close();
      }
    }

    /** When the entries could not be committed: keeps the segments for the next open. */
    void release() {
      for (FileChannel c : claimed) {
        try {
          c.close();
        } catch (IOException ignored) {
          // Closing only releases the lock; the file stays for the next replay either way.
        }
      }
    }
  }

  /** Reads every segment in {@code folder} that no live writer holds. */
  static Recovered recover(Path folder) throws IOException {
    List<ReplyTable.Row> rows = new ArrayList<>();
    List<FileChannel> claimed = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    int dropped = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
      for (Path p : ds) {
        if (OWNED.contains(p.toAbsolutePath().normalize())) {
          continue;
        }
        FileChannel ch = claim(p);
        if (ch == null) {
          continue;
        }
        claimed.add(ch);
        paths.add(p);
        dropped += read(Files.readAllBytes(p), rows, p);
      }
    } catch (IOException | RuntimeException e) {
      new Recovered(rows, dropped, claimed, paths).release();
      throw e;
    }
    return new Recovered(rows, dropped, claimed, paths);
  }

  /** The segment, locked, when no live process holds it and it has lines; else null. */
  private static FileChannel claim(Path p) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return null; // replayed by another process meanwhile
    }
    try {
      FileLock lock = ch.tryLock();
      // Empty: maybe created by a live writer that has not locked it yet; nothing to replay.
      if (lock != null && ch.size() > 0) {
        return ch;
      }
    } catch (OverlappingFileLockException e) {
      // Held by another cache in this JVM.
    }
    ch.close();
    return null;
  }

  /** Parses the lines of one segment into {@code out}; returns how many were dropped. */
  private static int read(byte[] bytes, List<ReplyTable.Row> out, Path file) {
    int dropped = 0;
    int start = 0;
    int line = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      line++;
      try {
        out.add(JSON.readValue(bytes, start, i - start, Entry.class).row());
      } catch (IOException | RuntimeException ex) {
        dropped++;
        LOG.log(System.Logger.Level.WARNING,
            file + ":" + line + ": unreadable reply log line dropped: " + ex.getMessage());
      }
      start = i + 1;
    }
    if (start < bytes.length) {
      // The kill came in the middle of this append: its store never returned.
      dropped++;
    }
    return dropped;
  }
}
