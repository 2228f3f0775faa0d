package org.distill4j.cli.kb;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.kb.ingest.Ingest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Loads corpus files into a knowledge base. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Store the records of each FILE (JSON Lines corpus records) in the knowledge base DIR,"
          + " creating it if needed. Each record is checked against the SHACL shapes; records"
          + " that break them, and lines that do not parse, go to the rejects file with the"
          + " reason. Records are keyed by content id, so ingesting a file again changes"
          + " nothing, and a record whose scores changed is replaced.",
      "Safe to kill: rerun the same command and both stores end up complete and consistent.",
      "Vectors (all-MiniLM-L6-v2, in process) are cached by text, so no text is embedded twice."
    },
    footer = {"", "Example:", "  distill kb ingest --kb kb runs/r1/filtered/kept.jsonl --batch 500"})
public final class KbIngestCommand implements Callable<Integer>, KbSpelling {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;
  @Mixin IngestOptions options;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Corpus files to ingest.")
  List<Path> files;

  @Override
  public Integer call() {
    files.forEach(JsonLinesReader::requireRecords);
    IngestOptions.print(Ingest.files(kb.dir, files, options.job()), spec.commandLine().getOut());
    return 0;
  }
}
