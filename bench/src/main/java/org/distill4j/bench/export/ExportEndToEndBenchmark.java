package org.distill4j.bench.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.export.CorpusExport;
import org.distill4j.export.ExportFormat;
import org.distill4j.export.ExportReport;
import org.distill4j.export.ExportSettings;
import org.distill4j.export.split.SplitPlan;

/**
 * {@code distill export} end to end on a corpus file of N records (default 1,000,000; the
 * corpus of {@link ParquetExportBenchmark}, written once before timing): {@link CorpusExport}
 * to Parquet and to a split Hugging Face folder, against the baseline of copying the same file
 * record by record with core's reader and writer (one parse, one write). The export parses the
 * file twice (it checks and counts every line before writing any), so a ratio near 0.5 is the
 * cost of that first pass. Rounds alternate which runs first.
 *
 * <p>Usage: {@code ExportEndToEndBenchmark [N] [ROUNDS] [DIR]}
 */
public final class ExportEndToEndBenchmark {
  private ExportEndToEndBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("export-e2e");
    Path corpus = dir.resolve("kept.jsonl");
    SyntheticCorpus records = new SyntheticCorpus(42);
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(corpus)) {
      for (int made = 0; made < n; made += 10_000) {
        w.writeAll(records.batch(Math.min(10_000, n - made)));
      }
    }
    System.out.printf(Locale.ROOT, "%,d records, %,d bytes, max heap %d MiB%n", n,
        Files.size(corpus), Runtime.getRuntime().maxMemory() >> 20);
    String[] order = {"copy", "parquet", "hf"};
    for (int round = 0; round < rounds; round++) {
      double copy = 0;
      for (int k = 0; k < order.length; k++) {
        String what = order[(round + k) % order.length];
        Path out = dir.resolve(what + "-" + round);
        long t0 = System.nanoTime();
        if (what.equals("copy")) {
          copy(corpus, out);
        } else {
          export(corpus, out, what);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        copy = what.equals("copy") ? secs : copy;
        System.out.printf(Locale.ROOT, "  round %d %-8s %6.2f s %,10.0f records/s%n", round + 1,
            what, secs, n / secs);
        deleteTree(out);
      }
    }
    Files.delete(corpus);
  }

  private static void copy(Path corpus, Path out) {
    try (JsonLinesReader<CorpusRecord> in = JsonLinesReader.open(corpus, CorpusRecord.class);
        JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(out)) {
      in.forEach(w::write);
    }
  }

  private static ExportReport export(Path corpus, Path out, String what) {
    ExportSettings.Builder s = what.equals("hf")
        ? ExportSettings.builder(corpus, ExportFormat.HF, out)
            .split(SplitPlan.parse("train=0.9,validation=0.05,test=0.05"))
        : ExportSettings.builder(corpus, ExportFormat.PARQUET, out);
    return CorpusExport.run(s.build());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
