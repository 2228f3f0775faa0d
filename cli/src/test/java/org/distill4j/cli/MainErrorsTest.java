package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How {@code distill} reports what a command's worker threads throw. */
class MainErrorsTest {
  /** Fails the way a filter or generation run does when a worker thread runs out of heap. */
  @Command(name = "starved")
  static final class Starved implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new CompletionException(new OutOfMemoryError("Java heap space"));
    }
  }

  @Test
  void aWorkerOutOfMemoryIsAFailureThatSaysHowToGiveMoreHeap() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.configure(new CommandLine(new Starved()));
    cl.setErr(new PrintWriter(err));

    int code = cl.execute();

    assertThat(code).isEqualTo(Main.FAILURE);
    assertThat(err.toString())
        .startsWith("error: out of memory (Java heap space) with a maximum heap of ")
        .contains("DISTILL_JAVA_OPTS=-Xmx")
        .doesNotContain("--verbose");
  }
}
