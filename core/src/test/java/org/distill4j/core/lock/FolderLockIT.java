package org.distill4j.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder lock against a real second process, and after that process is killed -9. */
class FolderLockIT {
  @TempDir Path dir;

  private Process holder(Path folder) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldFolderLock.class.getName(),
        folder.toString()).redirectErrorStream(true).start();
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    assertThat(in.readLine()).isEqualTo("locked");
    return p;
  }

  @Test
  void aSecondProcessIsRefusedWithTheHoldersPidAndTakesOverAfterKillMinus9() throws Exception {
    Path folder = dir.resolve("run");
    Process p = holder(folder);
    try {
      assertThatThrownBy(() -> FolderLock.acquire(folder))
          .isInstanceOf(FolderLockedException.class)
          .hasMessageContaining("PID " + p.pid())
          .hasMessageContaining(HoldFolderLock.class.getName())
          .hasMessageContaining("wait for it to finish or stop it");
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // The lock file stays behind, but the kernel dropped the dead process's lock.
    assertThat(folder.resolve(FolderLock.FILE)).exists();
    try (FolderLock lock = FolderLock.acquire(folder)) {
      // Nothing is written into it: taking the lock leaves the folder's bytes as they were.
      assertThat(Files.size(folder.resolve(FolderLock.FILE))).isZero();
    }
    // A file this process did not create is left where it was found.
    assertThat(folder.resolve(FolderLock.FILE)).exists();
  }

  @Test
  void aLockFileThisProcessCreatedIsGoneAfterRelease() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("out"));
    try (FolderLock lock = FolderLock.acquire(folder)) {
      assertThat(folder.resolve(FolderLock.FILE)).exists();
    }
    assertThat(folder).isEmptyDirectory();
    // And the folder can be locked again, by another process too.
    Process p = holder(folder);
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void reentrantWithinOneProcessAndReleasedWithTheLastHandle() throws Exception {
    Path folder = dir.resolve("run");
    FolderLock outer = FolderLock.acquire(folder);
    try (FolderLock inner = FolderLock.acquire(folder.resolve("."))) {
      assertThat(inner.folder()).isEqualTo(outer.folder());
    }
    // Closing the inner handle must not drop the OS lock the outer one still relies on.
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        HoldFolderLock.class.getName(), folder.toString()).redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isNotZero();
      assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("PID " + ProcessHandle.current().pid());
    } finally {
      p.destroyForcibly();
    }
    outer.close();
    Process again = holder(folder);
    again.destroyForcibly();
    again.waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void aFileWhereTheFolderShouldBeIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("out"), "x");
    assertThatThrownBy(() -> FolderLock.acquire(file))
        .isInstanceOf(org.distill4j.core.io.InputException.class)
        .hasMessageContaining("is a file, not a folder");
  }
}
