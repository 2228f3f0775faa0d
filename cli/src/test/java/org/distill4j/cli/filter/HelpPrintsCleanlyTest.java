package org.distill4j.cli.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help prints with exit 0 and without picocli's own complaints: a bare percent
 * sign in a description is a format error that picocli reports on System.err (not on the
 * command's writers) and then prints the raw text.
 */
class HelpPrintsCleanlyTest {

  /** The argument lists that ask each command and subcommand for its help. */
  private static List<List<String>> helpCalls(CommandLine cl, List<String> path) {
    List<List<String>> out = new ArrayList<>();
    List<String> call = new ArrayList<>(path);
    call.add("--help");
    out.add(call);
    cl.getSubcommands().forEach((name, sub) -> {
      // Aliases are listed under every name; one call per command is enough.
      if (name.equals(sub.getCommandName())) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        out.addAll(helpCalls(sub, p));
      }
    });
    return out;
  }

  @Test
  void criticAndItsSubcommandsAreAmongTheCalls() {
    assertThat(helpCalls(Main.commandLine(), List.of()))
        .contains(List.of("critic", "--help"), List.of("critic", "train", "--help"),
            List.of("critic", "score", "--help"), List.of("critic", "calibrate", "--help"));
  }

  @Test
  void everyHelpPrintsWithoutPicocliWarnings() {
    for (List<String> call : helpCalls(Main.commandLine(), List.of())) {
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      CommandRun run;
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      try {
        run = CommandRun.of(call.toArray(String[]::new));
      } finally {
        System.setErr(saved);
      }
      String all = run.out() + run.err() + stderr.toString(StandardCharsets.UTF_8);
      assertThat(run.exitCode()).as(call + ": " + all).isZero();
      assertThat(all).as(call.toString()).doesNotContain("[picocli WARN]")
          .doesNotContain("Could not format").doesNotContain("FormatException")
          .contains("Usage:");
    }
  }
}
