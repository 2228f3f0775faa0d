package org.distill4j.generation.run;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.batch.FailureKind;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.batch.RunnerStats;
import org.distill4j.teacher.price.CostMeter;
import org.distill4j.teacher.price.ModelPrice;

/**
 * Builds {@code manifest.json}: the settings without secrets, the counts, the traffic and the
 * spend of every invocation so far. Any error text is masked before it is kept.
 */
final class ManifestBuilder {
  private final GenerationSettings settings;
  private final RunFolder folder;
  private final InvocationLedger ledger;
  private final SecretRedactor redactor;
  private final List<String> notes;
  private final Projection projected;
  private volatile CostMeter meter;
  private volatile BatchTally batch;
  private volatile String stopped;

  /**
   * @param notes what the run did on its own (set outputs aside, rebuilt), read at each build
   * @param projected the projection made when this invocation started
   */
  ManifestBuilder(GenerationSettings settings, RunFolder folder, InvocationLedger ledger,
      SecretRedactor redactor, List<String> notes, Projection projected) {
    this.settings = settings;
    this.folder = folder;
    this.ledger = ledger;
    this.redactor = redactor;
    this.notes = notes;
    this.projected = projected;
  }

  /** What the current pass spends, for the manifests built from now on. */
  void meter(CostMeter meter) {
    this.meter = meter;
  }

  /** The current pass's batch counts ({@code --batch}), for the manifests built from now on. */
  void batch(BatchTally tally) {
    this.batch = tally;
  }

  /** Why the run stopped early, for a manifest with status {@code stopped}. */
  void stopped(String reason) {
    this.stopped = reason;
  }

  /** Which run a manifest is of: its id, its identity and when this invocation started. */
  record Header(String runId, String identity, Instant started) {}

  /** A manifest of a finished pass, or of one still running when {@code finished} is null. */
  RunManifest build(Header h, String status, Instant finished, RunnerStats stats, RunTally tally,
      String error) {
    RunnerStats.Snapshot s = stats == null ? null : stats.snapshot();
    Recipe recipe = settings.recipe().recipe();
    RunnerSettings runner = settings.runner();
    return new RunManifest(
        h.runId(), status, h.identity(), h.started(), finished,
        finished == null ? null : Duration.between(h.started(), finished).toMillis() / 1000.0,
        new RunManifest.RecipeInfo(recipe.id(), recipe.version(), settings.recipe().hash(),
            String.valueOf(settings.recipe().file())),
        settings.teacher(), recipe.samplingParameters(),
        new RunManifest.SeedInfo(settings.seeds().toString(), settings.fieldMapping().sources(),
            settings.limit() > 0 ? settings.limit() : null),
        new RunManifest.RunnerInfo(runner.concurrency(), runner.requestsPerMinute(),
            runner.tokensPerMinute(), runner.retry().maxAttempts()),
        tally.counts(), calls(s), tokens(s), tally.categories(), redactor.redact(error),
        finished == null ? null : RunAccounts.sizes(folder),
        ledger.totals(price()), notes.isEmpty() ? null : List.copyOf(notes), cost(),
        "stopped".equals(status) ? stopped : null, batchCalls());
  }

  private RunManifest.BatchCalls batchCalls() {
    BatchTally b = batch;
    return b == null ? null : b.calls();
  }

  private ModelPrice price() {
    return settings.cost().price() == null ? null : settings.cost().price().price();
  }

  /** The price, the spend of this pass and of the whole run, the limit and the projection. */
  private RunManifest.Cost cost() {
    CostSettings c = settings.cost();
    ModelPrice price = price();
    CostMeter m = meter;
    long estimated = m == null ? 0 : m.estimatedReplies();
    return new RunManifest.Cost(c.price() == null ? null : c.price().describe(),
        c.unknownPrice(), price == null ? null : price.currency(), c.maxCost(),
        m == null ? null : m.spent(), ledger.totals(price).cost(),
        estimated > 0 ? estimated : null, projected,
        m == null || batch == null ? null : m.batchSpent());
  }

  private static RunManifest.Calls calls(RunnerStats.Snapshot s) {
    if (s == null) {
      return null;
    }
    Map<String, Long> errors = new LinkedHashMap<>();
    for (Map.Entry<FailureKind, Long> e : new EnumMap<>(s.errorsByKind()).entrySet()) {
      errors.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    return new RunManifest.Calls(s.requestsSent(), s.retries(), s.cacheHits(), errors);
  }

  /** Token counts, or unknown when no fresh reply said what it used. */
  private static RunManifest.Tokens tokens(RunnerStats.Snapshot s) {
    if (s == null) {
      return null;
    }
    boolean anyUsage = s.answered() - s.cacheHits() > s.unknownUsage();
    return new RunManifest.Tokens(anyUsage ? s.inputTokens() : null,
        anyUsage ? s.outputTokens() : null, s.unknownUsage());
  }
}
