package org.distill4j.cli.kb;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.remote.RemoteEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Loads corpus files into a knowledge base, a SPARQL server's store, or both. */
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
      "Vectors (all-MiniLM-L6-v2, in process) are cached by text, so no text is embedded twice.",
      "With --endpoint URL the records go to the RDF store of a SPARQL server (Fuseki) instead,"
          + " in the same RDF form, so the same SPARQL runs there. Per batch, one query compares"
          + " the records with what the server holds (by a hash of each stored record); records"
          + " stored in another version are deleted with every node they own (one SPARQL"
          + " Update) and new or changed ones are added (one Graph Store Protocol POST)."
          + " Ingesting again changes nothing on the server; after a kill or a failed request"
          + " (the error names the file:line where the unstored batch starts) the same command"
          + " finishes the job. No text index is written for the server: give --kb DIR as well to fill a"
          + " local knowledge base too (store and index, for kb search); each side is"
          + " idempotent on its own."
    },
    footer = {"", "Examples:", "  distill kb ingest --kb kb runs/r1/filtered/kept.jsonl --batch 500",
      "  distill kb ingest --endpoint http://localhost:3030/kb runs/r1/filtered/kept.jsonl",
      "  KB_TOKEN=... distill kb ingest --kb kb --endpoint https://kb.example.org/kb"
          + " --endpoint-token-env KB_TOKEN runs/r1/filtered/kept.jsonl"})
public final class KbIngestCommand implements Callable<Integer>, KbSpelling {
  @Spec CommandSpec spec;

  @Option(names = "--kb", paramLabel = "DIR", description = KbDirectory.DESCRIPTION
      + " Required unless --endpoint is given.")
  Path kbDir;

  @Mixin EndpointOptions endpoint;

  @Option(names = "--endpoint-timeout", paramLabel = "SECONDS", defaultValue = "300",
      converter = OptionRanges.AtLeastOne.class,
      description = "Give up a request to the endpoint after this many seconds.")
  int endpointTimeout;

  @Mixin IngestOptions options;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Corpus files to ingest.")
  List<Path> files;

  @Override
  public Integer call() {
    if (kbDir == null && !endpoint.given()) {
      throw new ParameterException(spec.commandLine(),
          "Missing required option: give --kb DIR, --endpoint URL or both");
    }
    RemoteEndpoint remote = endpoint.endpoint(Duration.ofSeconds(endpointTimeout));
    files.forEach(JsonLinesReader::requireRecords);
    IngestJob job = options.job();
    PrintWriter out = spec.commandLine().getOut();
    if (remote == null) {
      IngestOptions.print(Ingest.files(kbDir, files, job), out);
    } else if (kbDir == null) {
      IngestOptions.print(Ingest.remote(remote, files, job), out);
    } else {
      Ingest.localAndRemote(kbDir, remote, files, job).forEach(o -> IngestOptions.print(o, out));
    }
    return 0;
  }
}
