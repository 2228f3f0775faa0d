package org.distill4j.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a UTF-8 file line by line, decoding each line on its own. A decoder over a buffered
 * stream reads ahead, so its error lands on whatever line the reader had reached; decoding per
 * line makes the line number of undecodable bytes exact, and lets a reader go on past them.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped, and so is a byte-order mark at
 * the start of the file. Not thread-safe.
 */
public final class Utf8LineReader implements Closeable {
  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[256];
  private int start;
  private int end;
  private long number;
  private boolean eof;

  /**
   * One line of the file.
   *
   * @param number the line number, from 1
   * @param text the line without its terminator; undecodable bytes appear as U+FFFD
   * @param terminated false for a last line without a newline
   * @param problem null when the line is valid UTF-8, else what is wrong and at which column
   */
  public record Line(long number, String text, boolean terminated, String problem) {
    /** True when the line's bytes are not valid UTF-8. */
    public boolean undecodable() {
      return problem != null;
    }
  }

  public Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the file. */
  public Line next() throws IOException {
    int length = 0;
    boolean terminated = false;
    while (true) {
      if (start == end && !fill()) {
        break;
      }
      int nl = indexOfNewline();
      int stop = nl < 0 ? end : nl;
      length = append(length, stop - start);
      start = nl < 0 ? end : nl + 1;
      if (nl >= 0) {
        terminated = true;
        break;
      }
    }
    if (!terminated && length == 0 && eof) {
      return null;
    }
    number++;
    int from = number == 1 && startsWithByteOrderMark(length) ? 3 : 0;
    int to = length > from && line[length - 1] == '\r' ? length - 1 : length;
    return decode(from, to, terminated);
  }

  /** Lines read so far; the number of the last line returned. */
  public long lineNumber() {
    return number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer);
    if (n < 0) {
      eof = true;
      return false;
    }
    start = 0;
    end = n;
    return true;
  }

  private int indexOfNewline() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int append(int length, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(buffer, start, line, length, count);
    return length + count;
  }

  private boolean startsWithByteOrderMark(int length) {
    return length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
        && (line[2] & 0xff) == 0xbf;
  }

  private Line decode(int from, int to, boolean terminated) {
    ByteBuffer bytes = ByteBuffer.wrap(line, from, to - from);
    try {
      String text = strict.reset().decode(bytes).toString();
      return new Line(number, text, terminated, null);
    } catch (CharacterCodingException e) {
      int column = firstBadByte(from, to) - from + 1;
      String lossy = new String(line, from, to - from, StandardCharsets.UTF_8);
      return new Line(number, lossy, terminated, "bytes that are not UTF-8 at column " + column
          + "; save the file as UTF-8");
    }
  }

  /** The offset of the first byte the decoder refuses, for a column the user can find. */
  private int firstBadByte(int from, int to) {
    ByteBuffer bytes = ByteBuffer.wrap(line, from, to - from);
    CharBuffer chars = CharBuffer.allocate(to - from + 1);
    CoderResult result = strict.reset().decode(bytes, chars, true);
    return result.isError() ? bytes.position() : from;
  }
}
