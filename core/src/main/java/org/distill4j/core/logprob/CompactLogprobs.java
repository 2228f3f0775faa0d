package org.distill4j.core.logprob;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of {@link TokenLogprobs}: one Base64 string, so that it fits a JSON field and a
 * SQLite text column. Inside, after Base64 and raw DEFLATE, version 1 is a sequence of unsigned
 * LEB128 varints:
 *
 * <pre>
 * 1, k, table size,
 *   per token: UTF-8 length, UTF-8 bytes, own-bytes length + 1 (0: none), own bytes
 * positions,
 *   per position: token index, quantum, count,
 *     per alternative: token index, zigzag(quantum - previous quantum)
 * </pre>
 *
 * where a quantum is minus the log-probability in 1/1000 nats ({@link
 * TokenLogprobs#STEPS_PER_NAT}). Alternatives come best first, so their quanta rise and the
 * differences stay small; DEFLATE then shrinks the token table and the repeats.
 */
public final class CompactLogprobs {
  private static final int VERSION = 1;

  private CompactLogprobs() {}

  /** The stored string of {@code logprobs}. */
  public static String encode(TokenLogprobs logprobs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + logprobs.positions() * 16);
    varint(out, VERSION);
    varint(out, logprobs.k());
    varint(out, logprobs.table().size());
    for (TeacherToken t : logprobs.table()) {
      byte[] text = t.text().getBytes(StandardCharsets.UTF_8);
      varint(out, text.length);
      out.writeBytes(text);
      byte[] own = t.bytes();
      varint(out, own == null ? 0 : own.length + 1);
      if (own != null) {
        out.writeBytes(own);
      }
    }
    int k = logprobs.k();
    varint(out, logprobs.positions());
    for (int p = 0; p < logprobs.positions(); p++) {
      varint(out, logprobs.tokens()[p]);
      varint(out, TokenLogprobs.quantum(logprobs.logprobs()[p]));
      varint(out, logprobs.counts()[p]);
      int previous = 0;
      for (int j = 0; j < logprobs.counts()[p]; j++) {
        varint(out, logprobs.alternatives()[p * k + j]);
        int q = TokenLogprobs.quantum(logprobs.alternativeLogprobs()[p * k + j]);
        varint(out, (q - previous) << 1 ^ (q - previous) >> 31);
        previous = q;
      }
    }
    return Base64.getEncoder().encodeToString(deflate(out.toByteArray()));
  }

  /**
   * The logprobs a string of {@link #encode} holds.
   *
   * @throws IllegalArgumentException naming what is wrong when the string is not such a string
   */
  public static TokenLogprobs decode(String stored) {
    byte[] raw;
    try {
      raw = inflate(Base64.getDecoder().decode(stored));
    } catch (IllegalArgumentException | DataFormatException e) {
      throw new IllegalArgumentException("stored logprobs are not Base64 DEFLATE data: "
          + e.getMessage(), e);
    }
    Reader in = new Reader(raw);
    int version = in.next();
    if (version != VERSION) {
      throw new IllegalArgumentException("stored logprobs have layout " + version
          + "; this version reads layout " + VERSION);
    }
    int k = in.next();
    if (k < 1 || k > 20) {
      throw new IllegalArgumentException("stored logprobs have k=" + k + "; k is 1 to 20");
    }
    int size = in.next();
    List<TeacherToken> table = new ArrayList<>(Math.min(size, 1 << 16));
    for (int i = 0; i < size; i++) {
      String text = new String(in.bytes(in.next()), StandardCharsets.UTF_8);
      int own = in.next();
      table.add(new TeacherToken(text, own == 0 ? null : in.bytes(own - 1)));
    }
    int n = in.next();
    if (n > in.left() / 3) {
      // Every position takes at least three bytes: a count beyond that is damage, not a reply.
      throw new IllegalArgumentException("stored logprobs claim " + n + " positions in "
          + in.left() + " bytes");
    }
    int[] tokens = new int[n];
    float[] logprobs = new float[n];
    int[] counts = new int[n];
    int[] alternatives = new int[n * k];
    float[] altLp = new float[n * k];
    Arrays.fill(alternatives, -1);
    Arrays.fill(altLp, Float.NEGATIVE_INFINITY);
    for (int p = 0; p < n; p++) {
      tokens[p] = in.next();
      logprobs[p] = fromQuantum(in.next());
      counts[p] = in.next();
      int q = 0;
      for (int j = 0; j < counts[p] && j < k; j++) {
        alternatives[p * k + j] = in.next();
        int zig = in.next();
        q += zig >>> 1 ^ -(zig & 1);
        altLp[p * k + j] = fromQuantum(q);
      }
    }
    if (!in.done()) {
      throw new IllegalArgumentException("stored logprobs have bytes after their last position");
    }
    return new TokenLogprobs(k, table, tokens, logprobs, counts, alternatives, altLp);
  }

  private static float fromQuantum(int q) {
    return (float) (-q / (double) TokenLogprobs.STEPS_PER_NAT);
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("cannot store a negative number: " + value);
    }
    while (value >= 0x80) {
      out.write(value & 0x7f | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] data) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 3 + 64);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int read = inflater.inflate(buf);
        if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("the data ends early");
        }
        out.write(buf, 0, read);
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  /** Reads varints and byte runs, failing clearly at the end of the data. */
  private static final class Reader {
    private final byte[] data;
    private int at;

    Reader(byte[] data) {
      this.data = data;
    }

    int next() {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (at >= data.length) {
          throw new IllegalArgumentException("stored logprobs end in the middle of a number");
        }
        int b = data[at++] & 0xff;
        value |= (b & 0x7f) << shift;
        if (b < 0x80) {
          return value;
        }
      }
      throw new IllegalArgumentException("stored logprobs hold a number over 32 bits");
    }

    byte[] bytes(int length) {
      if (length < 0 || length > data.length - at) {
        throw new IllegalArgumentException("stored logprobs end in the middle of a token");
      }
      byte[] out = Arrays.copyOfRange(data, at, at + length);
      at += length;
      return out;
    }

    int left() {
      return data.length - at;
    }

    boolean done() {
      return at == data.length;
    }
  }
}
