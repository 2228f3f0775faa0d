package org.distill4j.core.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.distill4j.core.io.InputException;

/**
 * Keeps every other process out of a folder while a command writes it: {@code FileChannel.tryLock}
 * on {@code DIR/.distill.lock}. A refused process names the holder's PID and command line, read
 * from the kernel's lock table.
 *
 * <p>The lock is the kernel's, not the file's existence: a process killed with {@code kill -9}
 * loses it with its file descriptors, so a lock left by a dead process is simply taken. A file this
 * process created is deleted when it lets go, so a command refused for bad input leaves the folder
 * as it found it. Deleting a lock file invites the classic race (a second process opened the old
 * inode and locks it after the unlink, while a third creates and locks a new one), so a lock
 * counts only once the kernel's lock table shows this process holding the inode now at the path;
 * otherwise the file is opened again. Where the table cannot be read (not Linux) the file is kept.
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
    final Path file;
    /** Created by this process and checked against the kernel's table: deleted on release. */
    final boolean deleteOnRelease;
    int handles;

    Held(FileChannel channel, FileLock lock, Path file, boolean deleteOnRelease) {
      this.channel = channel;
      this.lock = lock;
      this.file = file;
      this.deleteOnRelease = deleteOnRelease;
    }
  }

  private final Path key;
  private boolean closed;

  private FolderLock(Path key) {
    this.key = key;
  }

  /**
   * Locks {@code dir} (creating it when missing), or throws
   * {@link FolderLockedException} naming the live holder. Never waits.
   */
  public static FolderLock acquire(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException(dir + " is a file, not a folder; give the path of a folder"
          + " (it is created when missing)");
    }
    try {
      Files.createDirectories(dir);
      Path key = dir.toRealPath();
      synchronized (HELD) {
        Held held = HELD.get(key);
        if (held == null) {
          held = lock(key);
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

  private static Held lock(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    // A holder that lets go deletes the file; a few retries cover racing with that unlink.
    for (int attempt = 0; ; attempt++) {
      boolean created = true;
      FileChannel ch;
      try {
        ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        created = false;
        try {
          ch = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // unlinked by a holder letting go: open again
        }
      }
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (lock == null) {
        ch.close();
        throw new FolderLockedException(dir, describe(holderOf(file)));
      }
      Boolean current = holdsInodeAtPath(file);
      if (Boolean.FALSE.equals(current) && attempt < 100) {
        ch.close(); // we locked an inode that has since been unlinked: not the folder's lock
        continue;
      }
      return new Held(ch, lock, file, created && Boolean.TRUE.equals(current));
    }
  }

  /**
   * Whether the kernel's table shows this process locking the inode now at {@code file}; null
   * when the table cannot be read.
   */
  private static Boolean holdsInodeAtPath(Path file) {
    if (!Files.isReadable(Path.of("/proc/locks"))) {
      return null;
    }
    try {
      return holderOf(file) == ProcessHandle.current().pid();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The PID holding the lock, from the kernel's own table ({@code /proc/locks}, Linux), or -1.
   * Asking the kernel instead of writing our PID into the file keeps the file's bytes unchanged
   * by every command after the first, so a command refused for bad input leaves the folder
   * byte-identical even when it has taken the lock.
   */
  static long holderOf(Path file) {
    Path table = Path.of("/proc/locks");
    try {
      if (!Files.isReadable(table) || !Files.exists(file)) {
        return -1;
      }
      long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        // "1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"
        String[] f = line.trim().split("\\s+");
        if (f.length >= 6 && f[5].endsWith(":" + inode) && !f[4].equals("-1")) {
          return Long.parseLong(f[4]);
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Not Linux, or the table changed shape: the message says the PID is unknown.
    }
    return -1;
  }

  /** {@code PID 4242 (java ... generate ...)}, or a hint when the PID is unknown. */
  static String describe(long pid) {
    if (pid < 0) {
      return "PID unknown; look for a running distill command";
    }
    String cmd = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
    if (cmd.length() > 200) {
      // The end names the command and its folder; the start is the JVM and its class path.
      cmd = "..." + cmd.substring(cmd.length() - 200);
    }
    return "PID " + pid + (cmd.isEmpty() ? "" : ": " + cmd);
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
          if (held.deleteOnRelease) {
            Files.deleteIfExists(held.file); // while still locked: see the class comment
          }
          held.lock.release();
          held.channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot release " + key.resolve(FILE), e);
        }
      }
    }
  }
}
