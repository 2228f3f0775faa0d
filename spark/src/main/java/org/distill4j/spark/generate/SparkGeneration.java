package org.distill4j.spark.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.seed.SeedFormat;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunManifest;

/**
 * A generation run as a Spark job. The seed file is read as lines numbered from 1, split into
 * at most {@code partitions} contiguous ranges (never more than the global concurrency, so each
 * gets at least one request in flight), and each range runs the generation module's own run in
 * {@code RUN/spark/part-NNNNN} (see {@link PartitionTask} for the reply cache). The driver then
 * concatenates the partitions' {@code generated.jsonl} and {@code failures.jsonl} in partition
 * order, which is seed file order, into the run folder and sums their manifests into
 * {@code RUN/spark-manifest.json}.
 *
 * <p>The run folder, recipe and seed file must be on storage every executor mounts at the same
 * path (local disk for {@code local[N]}; NFS or a similar shared file system on a cluster).
 */
public final class SparkGeneration {
  /** The merged manifest's file name in the run folder. */
  public static final String MANIFEST = "spark-manifest.json";
  private final SparkSession spark;
  private final TeacherSource teachers;
  private final PartitionHook hook;

  /** A job that builds registered teachers and runs no hook. */
  public SparkGeneration(SparkSession spark) {
    this(spark, TeacherSource.registered(), PartitionHook.NONE);
  }

  /** A job with these teachers and this hook (tests: a loopback teacher, a failing task). */
  public SparkGeneration(SparkSession spark, TeacherSource teachers, PartitionHook hook) {
    this.spark = spark;
    this.teachers = teachers;
    this.hook = hook;
  }

  /**
   * Runs the generation these settings describe over at most {@code partitions} partitions,
   * priced from the shipped price table (use the other form for a price file of one's own).
   */
  public SparkManifest run(GenerationSettings settings, int partitions) {
    return run(settings, partitions,
        new CostOptions(null, settings.cost().maxCost(), settings.cost().tokenizer()));
  }

  /**
   * Runs the generation these settings describe over at most {@code partitions} partitions;
   * {@code cost} holds the options the settings' cost came from, which each executor resolves
   * again, with an equal share of the spending limit per partition.
   */
  public SparkManifest run(GenerationSettings settings, int partitions, CostOptions cost) {
    if (settings.seedFormat() != null && settings.seedFormat() != SeedFormat.JSONL) {
      throw new IllegalArgumentException("spark generate reads JSON Lines seeds only, not "
          + settings.seedFormat());
    }
    GenerationPlan plan = GenerationPlan.of(settings, cost);
    int wanted = Math.max(1, Math.min(partitions, plan.concurrency()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> lines = jsc.textFile(settings.seeds().toAbsolutePath().toUri().toString(),
        wanted);
    if (lines.getNumPartitions() > wanted) {
      lines = lines.coalesce(wanted); // merges neighbours: the ranges stay contiguous
    }
    int n = lines.getNumPartitions();
    JavaPairRDD<String, Long> numbered = lines.zipWithIndex();
    if (plan.limit() > 0) {
      long end = endOfRows(settings.seeds(), plan.limit());
      numbered = numbered.filter(line -> line._2() < end);
    }
    List<PartitionOutcome> outcomes = new ArrayList<>(numbered
        .mapPartitionsWithIndex(new PartitionTask(plan, n, teachers, hook), true).collect());
    outcomes.sort(Comparator.comparingInt(PartitionOutcome::partition));
    List<RunManifest> manifests = outcomes.stream().map(SparkGeneration::manifest).toList();
    try {
      merge(settings.outDir(), outcomes, GenerationFiles.GENERATED);
      merge(settings.outDir(), outcomes, GenerationFiles.FAILURES);
      SparkManifest total = SparkManifest.sum(Math.max(1, plan.concurrency() / n), outcomes,
          manifests);
      Path tmp = settings.outDir().resolve(MANIFEST + ".tmp");
      CorpusJson.json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), total);
      Files.move(tmp, settings.outDir().resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the partitions into " + settings.outDir(), e);
    }
  }

  /**
   * How many lines of {@code seeds} hold its first {@code rows} rows: the local run's limit
   * counts rows, good or bad, and the seed reader skips blank lines, so they are not counted.
   */
  static long endOfRows(Path seeds, long rows) {
    CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(Files.newInputStream(seeds), lenient))) {
      long lines = 0;
      long seen = 0;
      String line;
      while (seen < rows && (line = r.readLine()) != null) {
        lines++;
        seen += line.isBlank() ? 0 : 1;
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + seeds, e);
    }
  }

  private static RunManifest manifest(PartitionOutcome o) {
    try {
      return CorpusJson.json().readValue(o.manifestJson(), RunManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("partition " + o.partition() + " sent an unreadable manifest",
          e);
    }
  }

  /** Concatenates one file of every partition, in partition order, through a temporary file. */
  private static void merge(Path runDir, List<PartitionOutcome> outcomes, String name)
      throws IOException {
    Path tmp = runDir.resolve(name + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (PartitionOutcome o : outcomes) {
        Path part = PartitionTask.partDir(runDir, o.partition()).resolve(name);
        if (Files.exists(part)) {
          Files.copy(part, out);
        }
      }
    }
    Files.move(tmp, runDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
