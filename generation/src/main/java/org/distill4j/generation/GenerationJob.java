package org.distill4j.generation;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.teacher.TeacherConfig;

/**
 * What a front end asks the generation stage for, as the user wrote it: a flag or YAML key left
 * out is null here, and {@link Generation} fills in its default, so every front end gets the
 * same ones.
 *
 * @param recipe the recipe file
 * @param seeds the seed file
 * @param seedFormat the seed file's format name; from the extension when null
 * @param fields seed field mapping items, {@code name=source}; the seeds' own names when empty
 * @param teacher the teacher config (no key in it, only the variable's name)
 * @param outDir the run folder
 * @param cacheDir the reply cache; {@code outDir/cache} when null
 * @param concurrency requests in flight at most
 * @param samples samples per prompt; the recipe's when null
 * @param limit the first N seed rows only; all when null or 0
 * @param rpm requests per minute at most; no limit when null or 0
 * @param tpm tokens per minute at most; no limit when null or 0
 * @param maxAttempts attempts per request on 429, 5xx, timeouts and broken connections
 * @param batch true to submit the requests as batch jobs first (openai, anthropic); off when
 *     null
 * @param batchPollSeconds seconds between polls of the batch jobs; 60 when null
 */
public record GenerationJob(Path recipe, Path seeds, String seedFormat, List<String> fields,
    TeacherConfig teacher, Path outDir, Path cacheDir, Integer concurrency, Integer samples,
    Long limit, Double rpm, Double tpm, Integer maxAttempts, Boolean batch,
    Double batchPollSeconds) {

  public GenerationJob {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** A job that sends every request one by one. */
  public GenerationJob(Path recipe, Path seeds, String seedFormat, List<String> fields,
      TeacherConfig teacher, Path outDir, Path cacheDir, Integer concurrency, Integer samples,
      Long limit, Double rpm, Double tpm, Integer maxAttempts) {
    this(recipe, seeds, seedFormat, fields, teacher, outDir, cacheDir, concurrency, samples,
        limit, rpm, tpm, maxAttempts, null, null);
  }
}
