package org.distill4j.bench.export;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.parquet.Compression;
import org.distill4j.export.parquet.ParquetOptions;
import org.distill4j.export.parquet.TableLayout;
import org.distill4j.export.parquet.TableSet;
import org.distill4j.export.schema.CorpusShape;

/**
 * N records (default 1,000,000; half triples, half QA pairs, each with provenance and two
 * scores) written as Parquet by the export module's {@link TableSet} (one file per kind, as
 * {@code distill export --format parquet} writes a folder) and, as the baseline, as one JSON Lines
 * file by core's {@link JsonLinesWriter}. Same process; each round runs both, and rounds
 * alternate which goes first. Records are built in batches of 10,000 outside the timed region
 * (their SHA-256 content ids are the reader's cost, not the writer's); the clock covers the
 * writes and the close. Reports records/s, the ratio Parquet/JSON Lines (target 0.5 or more),
 * file sizes and the peak heap in use during each run.
 *
 * <p>Usage: {@code ParquetExportBenchmark [N] [ROUNDS] [snappy|zstd|none] [DIR]}
 */
public final class ParquetExportBenchmark {
  private static final int BATCH = 10_000;
  private static final long SEED = 42;

  private ParquetExportBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Compression compression = args.length > 2 ? Compression.valueOf(args[2].toUpperCase(
        Locale.ROOT)) : Compression.SNAPPY;
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("export-bench");
    System.out.printf(Locale.ROOT, "%,d records, %d rounds, %s, max heap %d MiB, in %s%n", n,
        rounds, compression.id(), Runtime.getRuntime().maxMemory() >> 20, dir);
    for (int round = 0; round < rounds; round++) {
      Result[] results = new Result[2];
      for (int k = 0; k < 2; k++) {
        boolean parquet = (round + k) % 2 == 0;
        Path out = dir.resolve("round" + round + (parquet ? "-parquet" : "-jsonl"));
        results[parquet ? 0 : 1] = parquet ? parquet(n, compression, out) : jsonLines(n, out);
        System.out.println("  " + results[parquet ? 0 : 1]);
      }
      Result p = results[0];
      Result j = results[1];
      System.out.printf(Locale.ROOT, "round %d (%s first): throughput Parquet/JSON Lines %.2f,"
          + " size Parquet/JSON Lines %.3f%n", round + 1, round % 2 == 0 ? "Parquet"
          : "JSON Lines", p.perSecond() / j.perSecond(), (double) p.bytes() / j.bytes());
      deleteTree(dir.resolve("round" + round + "-parquet"));
      deleteTree(dir.resolve("round" + round + "-jsonl"));
    }
  }

  /** One timed run. */
  private record Result(String what, long records, long nanos, long bytes, long peakHeap) {
    double perSecond() {
      return records / (nanos / 1e9);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-10s %,10.0f records/s  %7.2f s  %,14d bytes"
          + "  peak heap %,5d MiB", what, perSecond(), nanos / 1e9, bytes, peakHeap >> 20);
    }
  }

  private static Result parquet(int n, Compression compression, Path out) throws IOException {
    Files.createDirectories(out);
    Map<KnowledgeKind, Map<String, Long>> planned = new EnumMap<>(KnowledgeKind.class);
    planned.put(KnowledgeKind.TRIPLE, Map.of("train", (n + 1L) / 2));
    planned.put(KnowledgeKind.QA, Map.of("train", n / 2L));
    CorpusShape shape = new CorpusShape(List.of("critic", "judge"), List.of("rules"));
    TableLayout layout = (kind, split, shard, shards) -> Path.of(kind.id() + ".parquet");
    SyntheticCorpus corpus = new SyntheticCorpus(SEED);
    resetPeaks();
    long nanos = 0;
    TableSet tables = new TableSet(out, layout, planned, shape,
        ParquetOptions.defaults().withCompression(compression));
    for (int made = 0; made < n; made += BATCH) {
      List<CorpusRecord> batch = corpus.batch(Math.min(BATCH, n - made));
      long t0 = System.nanoTime();
      for (CorpusRecord r : batch) {
        tables.write(r, "train");
      }
      nanos += System.nanoTime() - t0;
    }
    long t0 = System.nanoTime();
    tables.close();
    nanos += System.nanoTime() - t0;
    return new Result("Parquet", n, nanos, size(out), peakHeap());
  }

  private static Result jsonLines(int n, Path out) throws IOException {
    Files.createDirectories(out);
    SyntheticCorpus corpus = new SyntheticCorpus(SEED);
    resetPeaks();
    long nanos = 0;
    JsonLinesWriter<CorpusRecord> writer = JsonLinesWriter.overwrite(out.resolve("corpus.jsonl"));
    for (int made = 0; made < n; made += BATCH) {
      List<CorpusRecord> batch = corpus.batch(Math.min(BATCH, n - made));
      long t0 = System.nanoTime();
      writer.writeAll(batch);
      nanos += System.nanoTime() - t0;
    }
    long t0 = System.nanoTime();
    writer.close();
    nanos += System.nanoTime() - t0;
    return new Result("JSON Lines", n, nanos, size(out), peakHeap());
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use during the run. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
