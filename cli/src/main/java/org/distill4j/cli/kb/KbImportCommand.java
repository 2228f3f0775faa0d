package org.distill4j.cli.kb;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.kb.importer.WordNetImporter;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Imports existing symbolic knowledge (ATOMIC 2019, WordNet 3.1) into a knowledge base. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Start a knowledge base from an existing graph, so distilled knowledge sits"
        + " beside it. Imported records carry provenance source atomic2019 or wordnet-3.1.",
    subcommands = {KbImportCommand.Atomic.class, KbImportCommand.WordNet.class})
public final class KbImportCommand {

  /** {@code kb import atomic}. */
  @Command(
      name = "atomic",
      mixinStandardHelpOptions = true,
      showDefaultValues = true,
      description = "Import ATOMIC 2019 CSV files (v4_atomic_trn.csv, _dev, _tst): an event"
          + " column, then one JSON list of tails per relation column. 'none' tails are skipped.",
      footer = {"", "Example:", "  distill kb import atomic --kb kb --no-vectors v4_atomic_dev.csv"})
  public static final class Atomic implements Callable<Integer>, KbSpelling {
    @Spec CommandSpec spec;
    @Mixin KbDirectory kb;
    @Mixin IngestOptions options;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "ATOMIC 2019 CSV files.")
    List<Path> files;

    @Override
    public Integer call() {
      return importFiles();
    }

    private int importFiles() {
      try (KnowledgeBase base = kb.open(true)) {
        for (Path file : files) {
          AtomicCsvImporter.Counts counts = new AtomicCsvImporter.Counts();
          IngestReport r;
          try (Stream<CorpusRecord> records = new AtomicCsvImporter().read(file, counts)) {
            r = IngestOptions.print(Ingest.records(base, records, options.job()),
                spec.commandLine().getOut()).report();
          }
          spec.commandLine().getOut().printf("%s: %,d rows, %,d 'none' tails skipped, %,d triples%n",
              file, counts.rows(), counts.skipped(), r.read());
        }
      }
      return 0;
    }
  }

  /** {@code kb import wordnet}. */
  @Command(
      name = "wordnet",
      mixinStandardHelpOptions = true,
      showDefaultValues = true,
      description = "Import WordNet 3.1 (bundled, no download): hypernym, partOf and antonym"
          + " relations as triples.",
      footer = {"", "Example:", "  distill kb import wordnet --kb kb --no-vectors"})
  public static final class WordNet implements Callable<Integer>, KbSpelling {
    @Spec CommandSpec spec;
    @Mixin KbDirectory kb;
    @Mixin IngestOptions options;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
        converter = OptionRanges.ZeroOrMore.class,
        description = "Import at most N triples; 0 for all.")
    long limit;

    @Override
    public Integer call() {
      return importWordNet();
    }

    private int importWordNet() {
      try (KnowledgeBase base = kb.open(true)) {
        try (Stream<CorpusRecord> records = new WordNetImporter().read(limit)) {
          IngestOptions.print(Ingest.records(base, records, options.job()),
              spec.commandLine().getOut());
        }
      }
      return 0;
    }
  }
}
