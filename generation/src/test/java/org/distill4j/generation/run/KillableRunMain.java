package org.distill4j.generation.run;

import java.nio.file.Path;
import org.distill4j.teacher.ChatModelFactory;

/** Runs a generation in a child JVM so that a test can kill it with SIGKILL mid-run. */
public final class KillableRunMain {
  private KillableRunMain() {}

  /** Arguments: recipe, seeds, base URL, run folder, and optionally the concurrency (4). */
  public static void main(String[] args) {
    GenerationSettings s = RunFixtures.settings(Path.of(args[0]), Path.of(args[1]), args[2],
        Path.of(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 4);
    new GenerationRun(s, new ChatModelFactory(env -> null).teacher(s.teacher()), null).run();
  }
}
