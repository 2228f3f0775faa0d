package org.distill4j.generation.cache;

import java.nio.file.Path;
import org.distill4j.generation.teacher.TeacherReply;

/** Stores replies in a cache in a child JVM, says so, then waits to be killed. */
public final class StoringMain {
  private StoringMain() {}

  /** Arguments: cache folder, number of replies. */
  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[1]);
    ReplyCache cache = ReplyCache.open(Path.of(args[0]));
    for (int i = 0; i < n; i++) {
      cache.store(ReplyCacheKillIT.key(i), 100,
          new TeacherReply("reply " + i, TeacherReply.Finish.STOP, 1, 2, "m"));
    }
    System.out.println("stored " + n);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
