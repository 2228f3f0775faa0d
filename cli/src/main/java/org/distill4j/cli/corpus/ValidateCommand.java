package org.distill4j.cli.corpus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.ExitCodes;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks every line of corpus files and reports every problem with its line number. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check every line of each FILE: valid JSON, a known knowledge kind, every required"
          + " field, and an id that matches the content. Every bad line is reported as"
          + " FILE:LINE: problem; reading never stops at the first one."
    },
    footer = {
      "",
      "Example:",
      "  distill corpus validate runs/demo/generated.jsonl",
      "",
      "Exit status: 0 when every line is valid, 2 when any line (or file) is not."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Corpus files to check.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long badTotal = 0;
    for (Path file : files) {
      try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(file, CorpusRecord.class)) {
        Iterator<ParsedLine<CorpusRecord>> lines = reader.lines();
        while (lines.hasNext()) {
          if (lines.next() instanceof ParsedLine.Bad<CorpusRecord> bad) {
            err.println(bad.message());
          }
        }
        badTotal += reader.badLines();
        out.printf("%s: %d valid record(s), %d bad line(s)%n", file, reader.goodLines(),
            reader.badLines());
      } catch (org.distill4j.core.io.InputException e) {
        // A missing or unreadable file is one more problem; check the other files too.
        err.println(e.getMessage());
        badTotal++;
      }
    }
    out.flush();
    err.flush();
    return badTotal == 0 ? 0 : ExitCodes.BAD_INPUT;
  }
}
