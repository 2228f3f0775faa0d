package org.distill4j.spark.filter;

import java.nio.file.Path;
import org.distill4j.core.lock.FolderLock;

/** Child process: takes a folder's lock as another run would, says so, and holds it until killed. */
public final class HoldLock {
  public static void main(String[] args) throws InterruptedException {
    FolderLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
