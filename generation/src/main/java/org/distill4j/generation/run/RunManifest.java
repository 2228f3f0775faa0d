package org.distill4j.generation.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.TeacherConfig;

/**
 * {@code manifest.json}: what a run was asked to do and what came of it. The teacher config holds
 * only the name of the API-key variable, never the key.
 *
 * @param runId stable across resumes of the same run
 * @param status {@code running}, {@code complete} or {@code failed}
 * @param identity hash of what decides the output (recipe hash, teacher, seeds); a resume with
 *     another identity starts over, keeping the old outputs under {@code previous/}
 * @param teacherCalls traffic of this invocation only
 * @param tokens tokens of this invocation only
 * @param allInvocations every invocation of this run together, from {@code ledger.jsonl}: what
 *     the run cost so far, resumes included
 * @param notes repairs made to the folder before this invocation ran, and batch jobs that left
 *     requests unanswered, in words
 * @param batch what this invocation's batch jobs did ({@code --batch}); null without a batch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(
    String runId,
    String status,
    String identity,
    Instant startedAt,
    Instant finishedAt,
    Double wallSeconds,
    RecipeInfo recipe,
    TeacherConfig teacher,
    Sampling sampling,
    SeedInfo seeds,
    RunnerInfo runner,
    Counts counts,
    Calls teacherCalls,
    Tokens tokens,
    Map<String, Long> failuresByCategory,
    String error,
    Outputs outputs,
    RunLedger.Totals allInvocations,
    java.util.List<String> notes,
    BatchCalls batch) {

  /** A manifest of a run without a batch phase. */
  public RunManifest(String runId, String status, String identity, Instant startedAt,
      Instant finishedAt, Double wallSeconds, RecipeInfo recipe, TeacherConfig teacher,
      Sampling sampling, SeedInfo seeds, RunnerInfo runner, Counts counts, Calls teacherCalls,
      Tokens tokens, Map<String, Long> failuresByCategory, String error, Outputs outputs,
      RunLedger.Totals allInvocations, java.util.List<String> notes) {
    this(runId, status, identity, startedAt, finishedAt, wallSeconds, recipe, teacher, sampling,
        seeds, runner, counts, teacherCalls, tokens, failuresByCategory, error, outputs,
        allInvocations, notes, null);
  }

  /**
   * The batch jobs of this invocation ({@code --batch}). Their answers reached the synchronous
   * pass through the reply cache, so they count there as cache hits, not as requests sent, and
   * their tokens are here, not in {@link Tokens}: priced at the batch discount.
   *
   * @param jobs jobs created
   * @param submitted requests in them
   * @param batchRequests requests the jobs answered
   * @param batchFailed requests the jobs ended without answering, sent one by one after
   * @param batchTokensIn prompt tokens of the answers; null when none reported usage
   * @param batchTokensOut completion tokens of the answers; null when none reported usage
   * @param repliesWithoutUsage answers that reported no usage
   */
  public record BatchCalls(long jobs, long submitted, long batchRequests, long batchFailed,
      Long batchTokensIn, Long batchTokensOut, long repliesWithoutUsage) {}

  /**
   * Sizes of the output files when the run ended and its counts were checked against them; a
   * later run that finds the same sizes and writes nothing need not count the lines again.
   */
  public record Outputs(long generatedBytes, long failuresBytes) {}

  /** The recipe used. */
  public record RecipeInfo(String id, String version, String hash, String file) {}

  /** The seed input. */
  public record SeedInfo(String file, Map<String, String> fieldMapping, Long limit) {}

  /** How hard the teacher was pushed. */
  public record RunnerInfo(int concurrency, double requestsPerMinute, double tokensPerMinute,
      int maxAttempts) {}

  /**
   * Where every input ended. {@code requests == requestsOk + requestsFailed} always holds for a
   * complete run; {@code records} counts lines of generated.jsonl.
   *
   * @param seeds seed rows read
   * @param seedFailures seed rows that could not be used (each a failures.jsonl line)
   * @param requests expanded requests (prompts × samples)
   * @param requestsOk requests whose reply gave at least one record
   * @param requestsFailed requests with no usable reply (each a failures.jsonl line)
   * @param resumedRequests requests finished by an earlier run of this folder, not redone
   * @param records records in generated.jsonl
   * @param fragmentsDropped parts of usable replies that did not become records (in failures.jsonl)
   * @param duplicatesAcrossSamples records dropped as repeats of another sample of the same prompt
   * @param reasks requests re-asked after an unusable reply
   */
  public record Counts(long seeds, long seedFailures, long requests, long requestsOk,
      long requestsFailed, long resumedRequests, long records, long fragmentsDropped,
      long duplicatesAcrossSamples, long reasks) {}

  /**
   * Traffic with the teacher in this invocation.
   *
   * @param requestsSent HTTP requests, retries included
   * @param retries of which retries
   * @param cacheHits requests answered from the reply cache
   * @param errorsByKind failed attempts by class
   */
  public record Calls(long requestsSent, long retries, long cacheHits, Map<String, Long> errorsByKind) {}

  /**
   * Tokens the server reported in this invocation. When no reply reported usage, the counts are
   * null (unknown), never 0.
   */
  public record Tokens(Long input, Long output, long repliesWithoutUsage) {}
}
