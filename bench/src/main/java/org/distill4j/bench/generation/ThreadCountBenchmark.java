package org.distill4j.bench.generation;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.knowledge.QaPair;

/**
 * Why the generation runner parses on one thread per core: the same CPU work (building a
 * generated record with provenance and writing it as JSON, as a run does for every item) done by
 * 1, 2, 8 and 64 threads, reported as process CPU per record. Rounds alternate the thread counts
 * so that each is measured warm and under the same conditions, and each round rotates which count
 * runs first.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' org.distill4j.bench.generation.ThreadCountBenchmark [records [threads...]]
 * </pre>
 *
 * The thread counts default to 1 2 8 64; round 0 (warm-up, in that order) decides under what
 * contention the JIT compiles the path, rounds 1 to 4 each start one count further on.
 */
public final class ThreadCountBenchmark {

  private ThreadCountBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int[] counts = args.length > 1
        ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2, 8, 64};
    ObjectWriter writer = CorpusJson.json().writer();
    System.out.printf(Locale.ROOT, "records=%d cores=%d java=%s%n", records,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    for (int round = 0; round <= counts.length; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      // Each round starts at a different thread count (a rotation of the list), so no count always
      // runs first or always follows the 64-thread burst.
      for (int k = 0; k < counts.length; k++) {
        int threads = counts[(k + round) % counts.length];
        double us = cpuMicrosPerRecord(writer, threads, records);
        line.append(String.format(Locale.ROOT, "  %d threads %.2f us CPU/record", threads, us));
      }
      // Round 0 is warm-up: the JIT compiles the path while it runs.
      System.out.println(round == 0 ? line + " (warm-up)" : line.toString());
    }
  }

  private static double cpuMicrosPerRecord(ObjectWriter writer, int threads, int records)
      throws Exception {
    int each = records / threads;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long cpu0 = processCpuNanos();
    List<Future<Long>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      done.add(pool.submit(() -> {
        long bytes = 0;
        for (int i = 0; i < each; i++) {
          bytes += writer.writeValueAsBytes(record(id, i)).length;
        }
        return bytes;
      }));
    }
    long bytes = 0;
    for (Future<Long> f : done) {
      bytes += f.get();
    }
    long cpu1 = processCpuNanos();
    pool.shutdown();
    if (bytes == 0) {
      throw new IllegalStateException("nothing was written");
    }
    return (cpu1 - cpu0) / 1e3 / ((long) each * threads);
  }

  private static CorpusRecord record(int thread, int i) {
    Provenance p = Provenance.builder().runId("20261201-195631-6a1113ca").teacherProvider("openai")
        .teacherModel("bench").recipeId("qa-from-passage").recipeVersion("1")
        .recipeHash("ff60bee3a5df7013284b6c7b1ba37f883cbd806dcdf23a1564e1da417fa4f261")
        .sampling(new Sampling(1, 0.3, null, 800, 5L))
        .requestHash("eac19653623ab8dcc37e3b8860045ca14d48efb0b1566480c71d02cc35aaeb98")
        .sampleIndex(0).createdAt(Instant.now()).build();
    return CorpusRecord.of(new QaPair("What is item " + i + " about?", "a thing",
        "Passage " + thread + ": the river rises in the hills, runs " + (i % 97)
            + " miles to the sea, and floods every spring."), p);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
