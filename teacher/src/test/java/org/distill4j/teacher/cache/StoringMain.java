package org.distill4j.teacher.cache;

import java.nio.file.Path;
import org.distill4j.teacher.TeacherReply;

/** Stores replies in a cache in a child JVM, says so, then waits to be killed. */
public final class StoringMain {
  private StoringMain() {}

  /** Arguments: cache folder, number of replies. */
  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[1]);
    ReplyCache cache = ReplyCache.open(Path.of(args[0]));
    // Eight threads append side by side, as a runner's workers do: every line must stay whole.
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      int first = t;
      threads[t] = new Thread(() -> {
        for (int i = first; i < n; i += threads.length) {
          cache.store(ReplyCacheKillIT.key(i), 100, new TeacherReply(
              "reply " + i + " " + "x".repeat(i * 37 % 5000), TeacherReply.Finish.STOP, 1, 2, "m"));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("stored " + n);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
