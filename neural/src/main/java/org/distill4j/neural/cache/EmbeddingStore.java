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
  private final Map<String, float[]> vectors = new HashMap<>();
  private long readUpTo; // bytes of valid records already loaded

  private EmbeddingStore(Path file) {
    this.file = file;
  }

  /** Opens (creating) the cache in {@code dir} and loads what is there. */
  public static EmbeddingStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      EmbeddingStore s = new EmbeddingStore(dir.resolve(FILE));
      if (!Files.exists(s.file)) {
        Files.createFile(s.file);
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
    return vectors.get(key);
  }

  /** Number of vectors known (this process's and others' read so far). */
  public synchronized int size() {
    return vectors.size();
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
      readUpTo = ch.position();
      for (int i = 0; i < keys.size(); i++) {
        vectors.put(keys.get(i), values.get(i).clone());
      }
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

  /** Loads whole, valid records from {@link #readUpTo}; stops at the first torn one. */
  private void readValid(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size <= readUpTo) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - readUpTo));
    ch.read(buf, readUpTo);
    buf.flip();
    while (buf.remaining() >= HEADER + 4) {
      int start = buf.position();
      int magic = buf.getInt();
      byte[] k = new byte[32];
      buf.get(k);
      int dim = buf.getInt();
      if (magic != MAGIC || dim < 1 || dim > 1 << 16 || buf.remaining() < 4L * dim + 4) {
        return;
      }
      float[] v = new float[dim];
      for (int j = 0; j < dim; j++) {
        v[j] = buf.getFloat();
      }
      CRC32 crc = new CRC32();
      crc.update(buf.array(), start, buf.position() - start);
      if (buf.getInt() != (int) crc.getValue()) {
        return;
      }
      vectors.put(HexFormat.of().formatHex(k), v);
      readUpTo += buf.position() - start;
    }
  }
}
