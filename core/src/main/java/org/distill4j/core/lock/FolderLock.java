package org.distill4j.core.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps every other process out of a folder while a command writes it: {@code FileChannel.tryLock}
 * on {@code DIR/.distill.lock}, which also holds the holder's PID, command and start time.
 *
 * <p>The lock is the kernel's, not the file's existence: a process killed with {@code kill -9}
 * loses it with its file descriptors, so a lock left by a dead process is simply taken. The file
 * itself is never deleted (deleting it would let two processes lock two different inodes).
 *
 * <p>Within one process the lock is re-entrant: a pipeline that holds its run folder may run a
 * generation that locks the same folder. That is also required for correctness, because POSIX
 * locks belong to the process and closing any second channel on the file would drop them.
 */
public final class FolderLock implements AutoCloseable {
  /** The lock file's name inside the folder. */
  public static final String FILE = ".distill.lock";

  private static final Map<Path, Held> HELD = new HashMap<>();

  /** One OS lock shared by every handle of this process on the folder. */
  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int handles;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  private final Path key;
  private boolean closed;

  private FolderLock(Path key) {
    this.key = key;
  }

  /**
   * Locks {@code dir} (creating it when missing) for {@code command}, or throws
   * {@link FolderLockedException} naming the live holder. Never waits.
   */
  public static FolderLock acquire(Path dir, String command) {
    try {
      Files.createDirectories(dir);
      Path key = dir.toRealPath();
      synchronized (HELD) {
        Held held = HELD.get(key);
        if (held == null) {
          held = lock(key, command);
          HELD.put(key, held);
        }
        held.handles++;
        return new FolderLock(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage()
          + "; check that the folder is writable", e);
    }
  }

  private static Held lock(Path dir, String command) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      // Read through the channel we already have: opening and closing another one is harmless
      // here (we hold no lock), but one channel is simpler to reason about.
      String holder = describe(read(ch));
      ch.close();
      throw new FolderLockedException(dir, holder);
    }
    ch.truncate(0);
    String text = "pid=" + ProcessHandle.current().pid() + "\ncommand=" + command + "\nsince="
        + Instant.now() + "\n";
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b, b.position());
    }
    ch.force(false);
    return new Held(ch, lock);
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // keep reading
    }
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  /** {@code PID 4242, generate, since 2026-...} from the lock file's lines. */
  static String describe(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    String pid = fields.get("pid");
    if (pid == null) {
      // The holder has the lock but has not written its details yet.
      return "PID unknown";
    }
    return "PID " + pid + (fields.containsKey("command") ? ", " + fields.get("command") : "")
        + (fields.containsKey("since") ? ", since " + fields.get("since") : "");
  }

  /** The locked folder. */
  public Path folder() {
    return key;
  }

  /** Releases this handle; the OS lock goes with the process's last handle on the folder. */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held held = HELD.get(key);
      if (held != null && --held.handles == 0) {
        HELD.remove(key);
        try {
          held.lock.release();
          held.channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot release " + key.resolve(FILE), e);
        }
      }
    }
  }
}
