package org.distill4j.cli.kb;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distill4j.kb.export.ExportFormat;
import org.distill4j.kb.export.KnowledgeExporter;
import org.distill4j.kb.ingest.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports a knowledge base's records. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Write every record out: as RDF (ttl: Turtle, nt: N-Triples) with provenance,"
        + " or as JSON Lines corpus records (jsonl) that `kb ingest` reads back. The file appears"
        + " only when complete.",
    footer = {"", "Example:", "  distill kb export --kb kb --format nt --out kb.nt"})
public final class KbExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;

  @Option(names = "--format", required = true, paramLabel = "FMT",
      description = "ttl, nt or jsonl.")
  ExportFormat format;

  @Option(names = "--out", required = true, paramLabel = "F", description = "The output file.")
  Path out;

  @Override
  public Integer call() {
    try (KnowledgeBase base = kb.open(false)) {
      long n = new KnowledgeExporter(base.store()).export(format, out);
      spec.commandLine().getOut().printf("wrote %,d %s to %s%n", n,
          format == ExportFormat.JSONL ? "records" : "triples", out);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
