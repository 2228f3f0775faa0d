package org.distill4j.cli.export;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.CorpusExport;
import org.distill4j.export.ExportFormat;
import org.distill4j.export.ExportReport;
import org.distill4j.export.ExportSettings;
import org.distill4j.export.hf.HfLayout;
import org.distill4j.export.parquet.Compression;
import org.distill4j.export.split.SplitPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a corpus out in the formats other tools read. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = {
      "Write a corpus file (kept.jsonl, generated.jsonl, rejected.jsonl) out for other tools:",
      "parquet: typed Parquet tables (Snappy; see --compression), one per knowledge kind: knowledge fields,"
          + " provenance (teacher, recipe, run, seed, created_at as a timestamp), kept and"
          + " rejected_by, a verdict_FILTER column per filter and a score_NAME column per score."
          + " An --out ending in .parquet is one file (one kind; see --kind); any other --out is"
          + " a folder of KIND.parquet files.",
      "hf: a Hugging Face dataset folder: data/SPLIT-00000-of-0000N.parquet and a"
          + " README.md card (configs, features, split sizes, teachers, recipes, the filter"
          + " funnel from funnel.json beside the corpus, and the --license of the seeds). Push it"
          + " with `huggingface-cli upload` or load it with `load_dataset(\"OUT\")`. A corpus of"
          + " several kinds gets one config per kind.",
      "chat: JSON Lines of {\"id\", \"messages\": [system, user, assistant]} for SFT tools.",
      "alpaca: JSON Lines of {\"id\", \"instruction\", \"input\", \"output\"}.",
      "",
      "Chat and Alpaca lines hold exactly the input and target a distill4j student trains on;"
          + " the system turn (Alpaca: instruction) is the kind's task in words, or --system."
          + " Every format carries the user's own seed id: the external_id column, or \"id\".",
      "",
      "--split cuts by group, never by record: records share a group when they share an"
          + " external id, else a seed (all its expansions), else the question, passage, event"
          + " or entity pair they were asked about. A hash of group and --split-seed picks the"
          + " split, so reruns agree and no group is in two splits. With --split, chat and"
          + " alpaca write OUT/SPLIT.jsonl, parquet OUT/KIND-SPLIT.parquet.",
      "",
      "The input is read twice: once to check every line (a bad line stops the export with"
          + " its file:line before anything is written) and count, once to write. Output"
          + " appears under its name only when complete; an existing one is replaced only with"
          + " --overwrite."
    },
    footer = {
      "",
      "Examples:",
      "  distill export --in runs/atomic/filtered/kept.jsonl --format hf \\",
      "      --out atomic-hf --split train=0.9,validation=0.05,test=0.05 \\",
      "      --license cc-by-4.0",
      "  distill export --in kept.jsonl --format parquet --out kept.parquet",
      "  distill export --in kept.jsonl --format chat --out sft \\",
      "      --split train=0.95,test=0.05",
      "",
      "Exit status: 0 written, 2 bad input (a bad line, no records, an --out that is taken)."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "The corpus: JSON Lines of corpus records.")
  Path in;

  @Option(names = "--format", required = true, paramLabel = "FMT",
      description = "parquet, hf, chat or alpaca.")
  ExportFormat format;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "The file (.parquet or .jsonl) or folder to write.")
  Path out;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "Export only this kind: triple, qa, rationale or comparative.")
  KnowledgeKind kind;

  @Option(names = "--split", paramLabel = "NAME=SHARE,...", converter = PlanConverter.class,
      description = "Split by group, e.g. train=0.9,validation=0.05,test=0.05 (dev means"
          + " validation). Default: everything in train.")
  SplitPlan split;

  @Option(names = "--split-seed", paramLabel = "N",
      description = "Seed of the split hash; the same seed gives the same split. Default: "
          + ExportSettings.DEFAULT_SPLIT_SEED + ".")
  Long splitSeed;

  @Option(names = "--license", paramLabel = "L",
      description = "Licence of the seeds, for the dataset card: a Hub id such as cc-by-4.0, or"
          + " free text. Without it the card says: unknown — set --license.")
  String license;

  @Option(names = "--system", paramLabel = "TEXT",
      description = "chat/alpaca: one system turn (instruction) for every line instead of each"
          + " kind's task.")
  String system;

  @Option(names = "--title", paramLabel = "TEXT",
      description = "hf: the card's title. Default: the --out folder's name.")
  String title;

  @Option(names = "--compression", paramLabel = "C", defaultValue = "snappy",
      description = "Parquet page compression, all pure Java: snappy (what pyarrow and the"
          + " Hub use), zstd (files about half the size, written at 0.6-0.8x the speed) or none.")
  Compression compression;

  @Option(names = "--rows-per-shard", paramLabel = "N",
      description = "hf: at most N rows per Parquet file. Default: "
          + HfLayout.DEFAULT_ROWS_PER_SHARD + ".")
  Long rowsPerShard;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  boolean overwrite;

  @Override
  public Integer call() {
    ExportSettings.Builder settings = ExportSettings.builder(in, format, out)
        .kind(kind).split(split).license(license).system(system).title(title)
        .compression(compression).overwrite(overwrite);
    if (splitSeed != null) {
      settings.splitSeed(splitSeed);
    }
    if (rowsPerShard != null) {
      if (rowsPerShard < 1) {
        throw new ParameterException(spec.commandLine(),
            "--rows-per-shard must be at least 1, found " + rowsPerShard);
      }
      settings.rowsPerShard(rowsPerShard);
    }
    ExportSettings built = settings.build();
    ExportReport report = CorpusExport.run(built);
    PrintWriter o = spec.commandLine().getOut();
    o.printf("wrote %,d of %,d records to %s%n", report.exported(), report.records(),
        report.out());
    for (ExportReport.ExportedFile f : report.files()) {
      o.printf("  %-46s %-12s %-11s %,12d%n", f.path(), f.kind() == null ? "" : f.kind(),
          f.split(), f.rows());
    }
    for (String split : built.split().names()) {
      if (report.files().stream().noneMatch(f -> f.split().equals(split))) {
        o.printf("  split %s got no records (too few groups for its share)%n", split);
      }
    }
    o.flush();
    return 0;
  }

  /** Reads --split, so a bad plan is a usage error naming the flag. */
  static final class PlanConverter implements ITypeConverter<SplitPlan> {
    @Override
    public SplitPlan convert(String value) {
      return SplitPlan.parse(value);
    }
  }
}
