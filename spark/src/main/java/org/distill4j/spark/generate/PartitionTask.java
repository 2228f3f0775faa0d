package org.distill4j.spark.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunManifest;
import scala.Tuple2;

/**
 * One partition of a Spark generation: its seed lines become a seed file of its own, and the
 * generation module's {@link GenerationRun} runs it in {@code RUN/spark/part-NNNNN}.
 *
 * <p>The reply cache is that folder's own ({@code part-NNNNN/cache}), not one shared by all
 * partitions: a partition's seeds are fixed by its index (the split is contiguous and
 * deterministic), so a retry of a failed task or of a lost executor's task reopens exactly the
 * cache and completed-groups log its earlier attempt wrote and sends nothing already answered,
 * while no two live tasks ever write one cache (an SQLite file on shared storage written from
 * many machines at once is what this avoids). Speculative execution must stay off
 * ({@code spark.speculation=false}, Spark's default) for the same reason.
 *
 * <p>The partition's seed file keeps the original file's name and line numbers (the lines of
 * other partitions are left blank, which the seed reader skips), so seed ids, and with them
 * record ids, are those of a local run on the whole file.
 */
final class PartitionTask
    implements Function2<Integer, Iterator<Tuple2<String, Long>>, Iterator<PartitionOutcome>> {
  private static final long serialVersionUID = 1L;
  private final GenerationPlan plan;
  private final int partitions;
  private final TeacherSource teachers;
  private final PartitionHook hook;

  PartitionTask(GenerationPlan plan, int partitions, TeacherSource teachers, PartitionHook hook) {
    this.plan = plan;
    this.partitions = partitions;
    this.teachers = teachers;
    this.hook = hook;
  }

  /** The folder of partition {@code index} in the run folder. */
  static Path partDir(Path runDir, int index) {
    return runDir.resolve("spark").resolve(String.format("part-%05d", index));
  }

  @Override
  public Iterator<PartitionOutcome> call(Integer index, Iterator<Tuple2<String, Long>> lines)
      throws IOException {
    if (!lines.hasNext()) {
      return Collections.emptyIterator();
    }
    Path partDir = partDir(Path.of(plan.runDir()), index);
    Path seedsName = Path.of(plan.seedsFile()).getFileName();
    Path partSeeds = partDir.resolve("seeds").resolve(seedsName);
    long[] span = writeSeeds(lines, partSeeds);
    GenerationSettings settings = plan.partitionSettings(partitions, partSeeds, partDir);
    RunManifest manifest = new GenerationRun(settings, teachers.teacher(settings.teacher()), null)
        .run();
    TaskContext task = TaskContext.get();
    hook.afterRun(index, task == null ? 0 : task.attemptNumber(), manifest);
    String json = Files.readString(partDir.resolve(GenerationFiles.MANIFEST));
    return List.of(new PartitionOutcome(index, span[0], span[1], json)).iterator();
  }

  /**
   * Writes the partition's lines at their original line numbers; returns its first line number
   * and its line count. A retry writes the same bytes, through a temporary file.
   */
  private static long[] writeSeeds(Iterator<Tuple2<String, Long>> lines, Path file)
      throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    long first = -1;
    long count = 0;
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      while (lines.hasNext()) {
        Tuple2<String, Long> line = lines.next();
        if (first < 0) {
          first = line._2();
          for (long i = 0; i < first; i++) {
            w.write('\n');
          }
        }
        w.write(line._1());
        w.write('\n');
        count++;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new long[] {first + 1, count};
  }
}
