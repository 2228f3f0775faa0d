package org.distill4j.generation.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code completed.txt}: one line per prompt group whose records and failures are all written,
 * with its tallies. A resume skips these groups without touching the cache; a line torn by
 * {@code kill -9} is cut off on open (its group is simply redone from the cache).
 */
final class CompletedLog implements AutoCloseable {

  /** A finished group's tallies. */
  record Entry(int requests, int ok, int failed, int records, int fragments, int duplicates,
      int reasks) {}

  private final FileChannel channel;

  private CompletedLog(FileChannel channel) {
    this.channel = channel;
  }

  /** Reads the finished groups and opens the log for appending. */
  static CompletedLog open(Path file, Map<String, Entry> into) {
    try {
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        int end = wholeLinesEnd(bytes);
        for (String line : new String(bytes, 0, end, StandardCharsets.US_ASCII).split("\n")) {
          Entry e = parse(line);
          if (e != null) {
            into.put(line.substring(0, 64), e);
          }
        }
        if (end < bytes.length) {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(end);
          }
        }
      }
      return new CompletedLog(FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /** The entry of a well-formed line, or null (e.g. a line torn by a crash). */
  static Entry parse(String line) {
    if (line.length() < 64 + 14 || line.charAt(64) != ' ') {
      return null;
    }
    for (int i = 0; i < 64; i++) {
      char c = line.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    String[] p = line.substring(65).split(" ");
    if (p.length != 7) {
      return null;
    }
    int[] v = new int[7];
    try {
      for (int i = 0; i < 7; i++) {
        v[i] = Integer.parseInt(p[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return new Entry(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /**
   * The keys of the groups {@code file} lists, read only: nothing is created or cut, so this may
   * run before the run folder is locked. A missing file lists none.
   */
  static Set<String> keys(Path file) {
    Set<String> keys = new HashSet<>();
    try {
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, 0, wholeLinesEnd(bytes), StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) {
          if (parse(line) != null) {
            keys.add(line.substring(0, 64));
          }
        }
      }
    } catch (IOException e) {
      // Only a shortcut for the projection: an unreadable log means surveying every group.
      keys.clear();
    }
    return keys;
  }

  /** Where the last whole line ends: a line torn by a kill is not part of the log. */
  private static int wholeLinesEnd(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    return end;
  }

  static Map<String, Entry> read(Path file) {
    Map<String, Entry> m = new HashMap<>();
    open(file, m).close();
    return m;
  }

  /** Appends one line per group in a single write. */
  synchronized void addAll(java.util.List<String> groupKeys, java.util.List<Entry> entries) {
    StringBuilder lines = new StringBuilder(groupKeys.size() * 90);
    for (int i = 0; i < groupKeys.size(); i++) {
      Entry e = entries.get(i);
      lines.append(groupKeys.get(i)).append(' ').append(e.requests()).append(' ').append(e.ok())
          .append(' ').append(e.failed()).append(' ').append(e.records()).append(' ')
          .append(e.fragments()).append(' ').append(e.duplicates()).append(' ')
          .append(e.reasks()).append('\n');
    }
    ByteBuffer b = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
    try {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write completed.txt", ex);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
