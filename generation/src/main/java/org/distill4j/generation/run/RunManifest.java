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
 * @param status {@code running}, {@code complete}, {@code failed}, or {@code stopped} (a cost
 *     limit reached: the requests not sent are counted as skipped, and a rerun with a higher
 *     limit sends them)
 * @param identity hash of what decides the output (recipe hash, teacher, seeds); a resume with
 *     another identity starts over, keeping the old outputs under {@code previous/}
 * @param teacherCalls traffic of this invocation only
 * @param tokens tokens of this invocation only
 * @param allInvocations every invocation of this run together, from {@code ledger.jsonl}: what
 *     the run cost so far, resumes included
 * @param notes repairs made to the folder before this invocation ran, and batch jobs that left
 *     requests unanswered, in words
 * @param cost the teacher's price, what this invocation and the whole run spent (batch answers
 *     included), the limit, and the projection made when this invocation started
 * @param stopped why the run stopped before sending every request (status {@code stopped});
 *     null otherwise
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
    Cost cost,
    String stopped,
    BatchCalls batch) {

  /**
   * The batch jobs of this invocation ({@code --batch}). Their answers reached the synchronous
   * pass through the reply cache, so they count there as cache hits, not as requests sent, and
   * their tokens are here, not in {@link Tokens}: priced at the batch price.
   *
   * @param jobs jobs created
   * @param submitted requests in them
   * @param batchRequests requests the jobs answered
   * @param batchFailed requests the jobs ended without answering, sent one by one after (or
   *     skipped when a cost limit held requests back)
   * @param batchTokensIn prompt tokens of the answers; null when none reported usage
   * @param batchTokensOut completion tokens of the answers; null when none reported usage
   * @param repliesWithoutUsage answers that reported no usage
   * @param heldBack requests not submitted because their upper-bound cost at the batch price did
   *     not fit the rest of the cost limit ({@code --max-cost}); skipped by this invocation, and
   *     a rerun submits what then fits
   */
  public record BatchCalls(long jobs, long submitted, long batchRequests, long batchFailed,
      Long batchTokensIn, Long batchTokensOut, long repliesWithoutUsage, long heldBack) {}

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
   * @param requestsSkipped requests never sent because the run stopped (a cost limit): not in
   *     {@code requests}, so that expanded = requests + requestsSkipped; a rerun sends them. A
   *     prompt's samples are written together, so a prompt with any sample not sent is skipped
   *     whole (the replies that did arrive are in the cache for the rerun).
   * @param skippedByReason requestsSkipped by reason; null when none was skipped
   */
  public record Counts(long seeds, long seedFailures, long requests, long requestsOk,
      long requestsFailed, long resumedRequests, long records, long fragmentsDropped,
      long duplicatesAcrossSamples, long reasks, long requestsSkipped,
      Map<String, Long> skippedByReason) {}

  /**
   * What the run costs at the teacher's price.
   *
   * @param price the price used, in words; null when unknown
   * @param unknownPrice why there is no price; null when there is one
   * @param currency the currency of every amount here; null when the price is unknown
   * @param maxCost the limit for the whole run; null for none
   * @param spent what this invocation spent, its batch answers included; null when the price is
   *     unknown (never 0 for it)
   * @param spentAllInvocations what every invocation of the run spent together, this one
   *     included (from the ledger); null when unknown
   * @param repliesPricedFromCountedTokens fresh replies and batch answers whose server reported
   *     no usage, priced from tokens counted here; null when none
   * @param projected the projection made when this invocation started
   * @param spentBatch the part of {@code spent} that batch answers make, at the batch price; null
   *     without a batch phase or a price
   */
  public record Cost(String price, String unknownPrice, String currency, Double maxCost,
      Double spent, Double spentAllInvocations, Long repliesPricedFromCountedTokens,
      org.distill4j.generation.cost.Projection projected, Double spentBatch) {}

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
