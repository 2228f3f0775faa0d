package org.distill4j.spark.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.generation.run.RunManifest.Counts;

/**
 * The accounting of a whole Spark generation: every partition's counts summed, written as
 * {@code RUN/spark-manifest.json} next to the merged {@code generated.jsonl}.
 *
 * @param status "complete" when every partition's run is complete, else the first other status
 * @param partitions how many partitions ran
 * @param concurrencyPerPartition the requests each partition had in flight at most
 * @param counts the partitions' counts, summed
 * @param requestsSent requests sent to the teacher by this invocation, every partition together
 * @param cacheHits replies read from the partitions' caches instead
 * @param failuresByCategory failures by category, summed
 * @param parts each partition's seed lines and status
 * @param spent what this invocation spent, every partition together; null when unpriced
 * @param spentAllInvocations what every invocation of the partitions' runs spent; null when
 *     unpriced
 */
public record SparkManifest(String status, int partitions, int concurrencyPerPartition,
    Counts counts, long requestsSent, long cacheHits, Map<String, Long> failuresByCategory,
    List<Part> parts, Double spent, Double spentAllInvocations) {

  /**
   * One partition.
   *
   * @param index its index
   * @param firstLine the seed file line it starts at
   * @param lines the seed file lines it covers
   * @param status its run's status
   * @param runId its run's id
   */
  public record Part(int index, long firstLine, long lines, String status, String runId) {}

  /** Sums the partitions' manifests, in partition order. */
  static SparkManifest sum(int concurrencyPerPartition, List<PartitionOutcome> outcomes,
      List<RunManifest> manifests) {
    Counts total = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    long sent = 0;
    long hits = 0;
    Map<String, Long> failures = new TreeMap<>();
    String status = "complete";
    List<Part> parts = new java.util.ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      RunManifest m = manifests.get(i);
      PartitionOutcome o = outcomes.get(i);
      total = plus(total, m.counts());
      sent += m.teacherCalls().requestsSent();
      hits += m.teacherCalls().cacheHits();
      orEmpty(m.failuresByCategory()).forEach((k, v) -> failures.merge(k, v, Long::sum));
      if ("complete".equals(status) && !"complete".equals(m.status())) {
        status = m.status();
      }
      parts.add(new Part(o.partition(), o.firstLine(), o.lines(), m.status(), m.runId()));
    }
    return new SparkManifest(status, manifests.size(), concurrencyPerPartition, total, sent, hits,
        failures, parts, sumOf(manifests, RunManifest.Cost::spent),
        sumOf(manifests, RunManifest.Cost::spentAllInvocations));
  }

  /** The partitions' amounts summed; null when no partition was priced. */
  private static Double sumOf(List<RunManifest> manifests,
      java.util.function.Function<RunManifest.Cost, Double> amount) {
    Double sum = null;
    for (RunManifest m : manifests) {
      Double a = m.cost() == null ? null : amount.apply(m.cost());
      if (a != null) {
        sum = (sum == null ? 0 : sum) + a;
      }
    }
    return sum;
  }

  private static Counts plus(Counts a, Counts b) {
    Map<String, Long> skipped = new TreeMap<>(orEmpty(a.skippedByReason()));
    orEmpty(b.skippedByReason()).forEach((k, v) -> skipped.merge(k, v, Long::sum));
    return new Counts(a.seeds() + b.seeds(), a.seedFailures() + b.seedFailures(),
        a.requests() + b.requests(), a.requestsOk() + b.requestsOk(),
        a.requestsFailed() + b.requestsFailed(), a.resumedRequests() + b.resumedRequests(),
        a.records() + b.records(), a.fragmentsDropped() + b.fragmentsDropped(),
        a.duplicatesAcrossSamples() + b.duplicatesAcrossSamples(), a.reasks() + b.reasks(),
        a.requestsSkipped() + b.requestsSkipped(), skipped.isEmpty() ? null : skipped);
  }

  private static Map<String, Long> orEmpty(Map<String, Long> map) {
    return map == null ? Map.of() : map;
  }
}
