package org.distill4j.core.lock;

import java.nio.file.Path;

/** Child process for {@link FolderLockIT}: takes the lock, says so, and holds it until killed. */
public final class HoldFolderLock {
  public static void main(String[] args) throws InterruptedException {
    FolderLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
