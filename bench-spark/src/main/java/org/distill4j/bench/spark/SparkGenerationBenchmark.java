package org.distill4j.bench.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.distill4j.bench.generation.TeacherProcess;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.spark.generate.SparkGeneration;
import org.distill4j.spark.generate.SparkManifest;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;

/**
 * Spark generation on {@code local[N]} against the local {@link GenerationRun}, both in this JVM,
 * both against the same stand-in teacher in a child JVM ({@link TeacherProcess}), with the recipe
 * {@code prompts/qa-from-passage.yaml} (one request per seed, two records per reply) and a global
 * concurrency of 64 on both sides (Spark: 64 / partitions per partition).
 *
 * <pre>
 * instant N [ROUNDS]  instant teacher, N seeds (default 100,000): requests/s of each side, a
 *                     warm-up round of each on N / 5 seeds, then ROUNDS rounds (default 4)
 *                     alternating which side goes first (odd rounds: local); median of the ratios
 * latency N [ROUNDS]  100 ms teacher, N seeds (default 20,000): each side's requests/s against
 *                     Little's bound, 64 / 0.1 s = 640 requests/s (warm-up on 2,000 seeds)
 * </pre>
 *
 * <p>System properties: {@code master} (default {@code local[2]}), {@code partitions} (default 2).
 * Each run writes a fresh run folder (no cache carried between runs) and the teacher's request
 * count is checked after each: every seed sent once (see {@code check}).
 */
public final class SparkGenerationBenchmark {
  private static final int CONCURRENCY = 64;

  private SparkGenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "instant";
    boolean instant = mode.equals("instant");
    if (!instant && !mode.equals("latency")) {
      throw new IllegalArgumentException("mode must be instant or latency, not " + mode);
    }
    int n = args.length > 1 ? Integer.parseInt(args[1]) : instant ? 100_000 : 20_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : instant ? 4 : 2;
    String master = System.getProperty("master", "local[2]");
    int partitions = Integer.getInteger("partitions", 2);
    Path work = Files.createTempDirectory("distill4j-sparkgen");
    System.out.printf(Locale.ROOT, "mode=%s n=%d rounds=%d master=%s partitions=%d cores=%d"
        + " maxHeap=%d MiB%n", mode, n, rounds, master, partitions,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    SparkSession spark = SparkSession.builder().master(master).appName("distill4j-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    try (TeacherProcess teacher = new TeacherProcess(instant ? 0 : 100, CONCURRENCY * 2)) {
      Sides sides = new Sides(spark, teacher, partitions, work);
      // Against the instant teacher a run is CPU-bound, and a short warm-up left the first
      // measured run still compiling (it ran at half the later rate): warm each side on a fifth.
      int warm = instant ? Math.max(2_000, n / 5) : 2_000;
      sides.local(seeds(work, warm), "warm-local");
      sides.spark(seeds(work, warm), "warm-spark");
      Path seeds = seeds(work, n);
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        boolean localFirst = round % 2 == 1;
        double local = 0;
        if (localFirst) {
          local = sides.local(seeds, "local-" + round);
        }
        double onSpark = sides.spark(seeds, "spark-" + round);
        if (!localFirst) {
          local = sides.local(seeds, "local-" + round);
        }
        double ratio = onSpark / local;
        ratios.add(ratio);
        System.out.printf(Locale.ROOT, "round %d (%s first): local %.1f req/s%s; spark %.1f"
            + " req/s%s; spark / local %.3f%n", round, localFirst ? "local" : "spark", local,
            bound(instant, local), onSpark, bound(instant, onSpark), ratio);
      }
      ratios.sort(null);
      int m = ratios.size();
      double median = m % 2 == 1 ? ratios.get(m / 2)
          : (ratios.get(m / 2 - 1) + ratios.get(m / 2)) / 2;
      System.out.printf(Locale.ROOT, "%s: median spark / local of %d rounds %.3f%n", mode, m,
          median);
    } finally {
      spark.stop();
    }
  }

  private static String bound(boolean instant, double rate) {
    return instant ? "" : String.format(Locale.ROOT, " (%.3f of Little's bound)",
        rate / (CONCURRENCY / 0.1));
  }

  /** The two sides, each run timed from its call to its manifest, checked at the teacher. */
  private record Sides(SparkSession spark, TeacherProcess teacher, int partitions, Path work) {
    double local(Path seeds, String name) {
      GenerationSettings s = settings(seeds, name);
      long before = teacher.requests();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      RunManifest m = new GenerationRun(s,
          new ChatModelFactory(env -> null).teacher(s.teacher()), null).run();
      return rate(name, t0, cpu0, before, m.status(), m.counts().requests(), m.counts().seeds());
    }

    double spark(Path seeds, String name) {
      GenerationSettings s = settings(seeds, name);
      long before = teacher.requests();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      SparkManifest m = new SparkGeneration(spark).run(s, partitions);
      return rate(name, t0, cpu0, before, m.status(), m.counts().requests(), m.counts().seeds());
    }

    /**
     * Requests per second since {@code t0}, after the checks; prints this process's CPU per
     * request (the teacher is another process; on {@code local[N]} the executors are this one).
     */
    private double rate(String name, long t0, long cpu0, long before, String status,
        long requests, long seeds) {
      double secs = (System.nanoTime() - t0) / 1e9;
      long cpu = processCpuNanos() - cpu0;
      check(name, status, requests, seeds, before);
      System.out.printf(Locale.ROOT, "%s: %d requests in %.2f s, %.0f us CPU per request%n", name,
          requests, secs, cpu / 1e3 / requests);
      return requests / secs;
    }

    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Complete, one request per seed, and the teacher saw each once: a few more only where a
     * reply was lost on the wire and the runner sent it again (the JDK server now and then drops
     * a kept-alive connection), printed; more than one in a thousand fails the benchmark.
     */
    private void check(String name, String status, long requests, long seeds, long before) {
      long seen = teacher.requests() - before;
      if (!"complete".equals(status) || requests != seeds || seen < seeds
          || seen - seeds > seeds / 1000) {
        throw new IllegalStateException(name + ": status " + status + ", " + requests
            + " requests for " + seeds + " seeds, the teacher saw " + seen);
      }
      if (seen > seeds) {
        System.out.printf(Locale.ROOT, "%s: %d requests sent again after a lost reply%n", name,
            seen - seeds);
      }
    }

    private GenerationSettings settings(Path seeds, String name) {
      Path recipe = Path.of(System.getProperty("recipe", "prompts/qa-from-passage.yaml"));
      return new GenerationSettings(RecipeLoader.load(recipe), seeds, FieldMapping.identity(),
          new TeacherConfig("openai", "bench", teacher.baseUrl(), null, 30.0),
          new RunnerSettings(CONCURRENCY, 0, 0, RetryPolicy.defaults()),
          work.resolve(name), null, 0);
    }
  }

  /** {@code n} JSON Lines seeds with a {@code passage} field (Spark reads JSON Lines only). */
  private static Path seeds(Path work, int n) throws IOException {
    Path f = work.resolve("seeds-" + n + ".jsonl");
    if (!Files.exists(f)) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8))) {
        for (int i = 0; i < n; i++) {
          w.printf(Locale.ROOT, "{\"passage\": \"Passage %d: the river rises in the hills, runs"
              + " %d miles to the sea, and floods every spring.\"}%n", i, i % 97);
        }
      }
    }
    return f;
  }
}
