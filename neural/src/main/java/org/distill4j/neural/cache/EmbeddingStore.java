package org.distill4j.neural.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Embeddings on disk, keyed by (model identity, text). One file per folder, {@value #FILE}, holds
 * records {@code [magic][sha-256 of model NUL text][dim][dim floats][crc32]} appended under an
 * exclusive file lock and forced to disk before the lock is released, so several processes can
 * share it. A record cut short by a crash (kill -9 mid-write) fails its length or checksum: it
 * and anything after it are ignored when reading, and the next writer, holding the lock (so no
 * live writer can be mid-record), truncates it away before appending. Nothing is ever rewritten,
 * so a reader never sees a half-changed vector.
 */
public final class EmbeddingStore {
  /** The file inside the cache folder. */
  public static final String FILE = "embeddings-v1.bin";
  private static final int MAGIC = 0x44344a45; // "D4JE"
  private static final int HEADER = 4 + 32 + 4;

  /**
   * One monitor per file in this JVM: a file lock is held per process, and a second channel of the
   * same process asking for it throws instead of waiting.
   */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path file;
  /**
   * Where each key's record starts: vectors stay on disk and are read on demand, so a cache of
   * millions of texts costs this index in memory, not the vectors.
   */
  private final Map<String, Long> offsets = new HashMap<>();
  private long readUpTo; // bytes of valid records already indexed
  /** Opened on the first lookup and kept for the process's life: one descriptor per store. */
  private FileChannel reader;

  private EmbeddingStore(Path file) {
    this.file = file;
  }

  /** Opens (creating) the cache in {@code dir} and loads what is there. */
  public static EmbeddingStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      EmbeddingStore s = new EmbeddingStore(dir.resolve(FILE));
      try {
        Files.createFile(s.file);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another process made it first, or it exists already: both are fine
      }
      s.refresh();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the embedding cache in " + dir, e);
    }
  }

  /** The key of a text under a model: hex SHA-256 of model, NUL, text. */
  public static String key(String model, String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(model.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The cached vector for {@code key}, or null. */
  public synchronized float[] get(String key) {
    Long at = offsets.get(key);
    if (at == null) {
      return null;
    }
    try {
      if (reader == null) {
        reader = FileChannel.open(file, StandardOpenOption.READ);
      }
      FileChannel ch = reader;
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      ch.read(head, at);
      int dim = head.getInt(HEADER - 4);
      ByteBuffer body = ByteBuffer.allocate(4 * dim);
      ch.read(body, at + HEADER);
      body.flip();
      float[] v = new float[dim];
      body.asFloatBuffer().get(v);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding cache " + file, e);
    }
  }

  /** Number of vectors known (this process's and others' read so far). */
  public synchronized int size() {
    return offsets.size();
  }

  /** Reads records other processes appended since the last read. */
  public synchronized void refresh() {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readValid(ch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding cache " + file, e);
    }
  }

  /**
   * Appends vectors (keys from {@link #key}) and forces them to disk. Under the lock it first
   * reads what others appended and cuts a torn tail, so the file stays a sequence of whole
   * records.
   */
  public synchronized void putAll(List<String> keys, List<float[]> values) {
    if (keys.isEmpty()) {
      return;
    }
    Object monitor = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(),
        f -> new Object());
    synchronized (monitor) {
      append(keys, values);
    }
  }

  private void append(List<String> keys, List<float[]> values) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      readValid(ch);
      if (ch.size() > readUpTo) {
        ch.truncate(readUpTo); // a torn record from a writer that died holding the lock
      }
      int bytes = 0;
      for (float[] v : values) {
        bytes += HEADER + 4 * v.length + 4;
      }
      ByteBuffer buf = ByteBuffer.allocate(bytes);
      for (int i = 0; i < keys.size(); i++) {
        writeRecord(buf, keys.get(i), values.get(i));
      }
      buf.flip();
      ch.position(readUpTo);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
      long at = readUpTo;
      for (int i = 0; i < keys.size(); i++) {
        offsets.put(keys.get(i), at);
        at += HEADER + 4L * values.get(i).length + 4;
      }
      readUpTo = ch.position();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the embedding cache " + file, e);
    }
  }

  private static void writeRecord(ByteBuffer buf, String key, float[] v) {
    int start = buf.position();
    buf.putInt(MAGIC);
    buf.put(HexFormat.of().parseHex(key));
    buf.putInt(v.length);
    for (float x : v) {
      buf.putFloat(x);
    }
    CRC32 crc = new CRC32();
    crc.update(buf.array(), start, buf.position() - start);
    buf.putInt((int) crc.getValue());
  }

  /**
   * Indexes whole, valid records from {@link #readUpTo}, reading in chunks; stops at the first
   * torn or corrupt one.
   */
  private void readValid(FileChannel ch) throws IOException {
    long size = ch.size();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    while (readUpTo < size) {
      buf.clear();
      ch.read(buf, readUpTo);
      buf.flip();
      int consumed = 0;
      while (true) {
        int n = recordAt(buf, consumed);
        if (n <= 0) {
          break;
        }
        consumed += n;
      }
      if (consumed == 0) {
        int need = needed(buf);
        if (need <= buf.capacity() || readUpTo + need > size) {
          return; // a torn or corrupt record: ignore it and everything after
        }
        buf = ByteBuffer.allocate(need); // one record larger than the chunk
        continue;
      }
      readUpTo += consumed;
    }
  }

  /** Bytes a record at the buffer's start claims, from its dimension. */
  private static int needed(ByteBuffer buf) {
    if (buf.remaining() < HEADER) {
      return Integer.MAX_VALUE;
    }
    int dim = buf.getInt(HEADER - 4);
    return dim < 1 || dim > 1 << 16 ? Integer.MAX_VALUE : HEADER + 4 * dim + 4;
  }

  /**
   * Indexes the record at {@code pos} of the buffer when it is whole and valid; returns its
   * length, or 0 when it is cut by the buffer's end, or -1 when it is corrupt.
   */
  private int recordAt(ByteBuffer buf, int pos) {
    if (buf.limit() - pos < HEADER + 4) {
      return 0;
    }
    int dim = buf.getInt(pos + HEADER - 4);
    if (buf.getInt(pos) != MAGIC || dim < 1 || dim > 1 << 16) {
      return -1;
    }
    int len = HEADER + 4 * dim + 4;
    if (buf.limit() - pos < len) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(buf.array(), pos, len - 4);
    if (buf.getInt(pos + len - 4) != (int) crc.getValue()) {
      return -1;
    }
    byte[] k = new byte[32];
    buf.get(pos + 4, k);
    offsets.put(HexFormat.of().formatHex(k), readUpTo + pos);
    return len;
  }
}
