package org.distill4j.generation.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.logprob.LogprobsLine;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.parse.RecipeParser;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.RunnerStats;
import org.distill4j.teacher.batchapi.BatchApi;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.price.CostMeter;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.tokens.TokenCounter;

/**
 * One generation run: seeds through a recipe to a teacher, replies parsed into records.
 *
 * <p>Seeds stream from the file; each becomes prompt groups (one per expansion entry) of n
 * sample requests. Groups are written whole (records to {@code generated.jsonl}, everything
 * else to {@code failures.jsonl}), flushed, then noted in {@code completed.txt}, so a resume after
 * {@code kill -9} skips finished groups, replays the unfinished ones from the reply cache and
 * writes no line twice. Memory is bounded by the number of groups in flight, not the corpus.
 *
 * <p>At the end every expanded request is accounted for: {@code requests == ok + failed}, and
 * the line counts of both files must match the tallies. Where they do not on a resume (files left
 * by an older or interrupted version), the outputs are set aside and rebuilt from the cache once;
 * otherwise the run fails.
 *
 * <p>The run holds the folder's {@link FolderLock} throughout and appends what it spends to
 * {@code ledger.jsonl} (see {@link RunLedger}); credentials a server echoes are masked before
 * anything is written.
 *
 * <p>This class keeps the order of a run; the pieces live beside it: {@link SeedSurvey} (dry
 * run, progress total), {@link RunIdentity} (resume identity, group keys), {@link SeedFeeder}
 * (flow control), {@link SampleAsker} (re-asks, refused keys), {@link GroupWriter} (group
 * writing, marking), {@link ProvenanceStamp}, {@link RunAccounts} and {@link ManifestBuilder};
 * with {@code --batch}, {@link BatchPhase} first fills the reply cache from batch jobs.
 */
public final class GenerationRun {
  private final GenerationSettings settings;
  private final Teacher teacher;
  /** The label of a teacher the caller built; null when the settings' teacher config names it. */
  private final TeacherId suppliedId;
  private final ProgressListener listener;
  private final Recipe recipe;
  private final PromptRenderer renderer;
  private final RunFolder folder;
  private final InvocationLedger ledger;
  private final BatchApi batchApi;
  private final List<String> notes = new ArrayList<>();
  private SecretRedactor redactor = SecretRedactor.patternsOnly();
  private TeacherId teacherId;
  private ManifestBuilder manifests;
  private ProgressReporter progress;
  /** This pass's counts; a rebuild starts a fresh one. */
  private RunTally tally = new RunTally();
  /** This pass's batch counts; null without a batch phase. */
  private BatchTally batchTally;
  /** What this invocation was projected to send and cost when it started. */
  private Projection projection;
  /** Why the runner stopped sending (a cost limit), or null. */
  private String stopReason;
  /** What this pass spends; null when the teacher's price is unknown. */
  private CostMeter meter;

  public GenerationRun(GenerationSettings settings, Teacher teacher, ProgressListener progress) {
    this(settings, teacher, null, progress, null);
  }

  /**
   * @param suppliedId the label of a teacher the caller built ({@code SuppliedTeacher}): it keys
   *     the cache and provenance, and the settings' teacher config (written to the manifest)
   *     only repeats it; null when the settings' teacher config names the teacher
   * @param batchApi the teacher's batch API, for settings with a {@link BatchSettings}: the
   *     run submits what the cache lacks as batch jobs before its synchronous pass; else null
   *     (a dry run of batch settings needs none)
   */
  public GenerationRun(GenerationSettings settings, Teacher teacher, TeacherId suppliedId,
      ProgressListener progress, BatchApi batchApi) {
    if (batchApi != null && settings.batch() == null) {
      throw new IllegalArgumentException("a batch API without batch settings");
    }
    this.batchApi = batchApi;
    this.settings = settings;
    this.teacher = teacher;
    this.suppliedId = suppliedId;
    this.listener = progress == null ? ProgressListener.none() : progress;
    this.recipe = settings.recipe().recipe();
    this.renderer = new PromptRenderer(recipe);
    this.folder = new RunFolder(settings.outDir());
    this.ledger = new InvocationLedger(new RunLedger(folder.ledger()));
  }

  /** Renders prompts and counts requests without sending anything. */
  public DryRun dryRun(int show) {
    // A dry run may name no teacher yet: then no earlier run of it can be found either.
    TeacherId id = suppliedId != null ? suppliedId : settings.cost().teacher();
    Set<String> finished = id == null ? Set.of() : finishedGroups(RunIdentity.of(settings, id));
    return new SeedSurvey(settings, renderer, finished).dryRun(show);
  }

  /**
   * Runs (or resumes) the generation; returns the final manifest. Every input is read before
   * anything in the run folder is created, moved or locked, so bad seeds end the command with the
   * folder exactly as it was; then the folder is locked against other processes for the run.
   */
  public RunManifest run() {
    if (settings.batch() != null && batchApi == null) {
      // A dry run needs none: it only prices the requests at the batch price.
      throw new IllegalStateException("batch settings without the teacher's batch API");
    }
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    teacherId = suppliedId != null ? suppliedId : settings.teacher().id();
    redactor = teacher == null ? SecretRedactor.patternsOnly() : teacher.redactor();
    String identity = RunIdentity.of(settings, teacherId);
    // Read before the lock, as the seeds are: it also gives the progress bar its total.
    projection = new SeedSurvey(settings, renderer, finishedGroups(identity)).project();
    manifests = new ManifestBuilder(settings, folder, ledger, redactor, notes, projection);
    progress = new ProgressReporter(listener, startNanos, projection.requests());
    try (FolderLock lock = FolderLock.acquire(folder.dir())) {
      return runLocked(started, identity, true);
    }
  }

  private RunManifest runLocked(Instant started, String identity, boolean mayRepair) {
    Optional<RunManifest> previous = readPrevious();
    String runId;
    if (previous.isPresent() && identity.equals(previous.get().identity())) {
      runId = previous.get().runId();
    } else {
      if (previous.isPresent()) {
        folder.rotate();
      }
      runId = RunIdentity.newRunId(started);
    }
    ManifestBuilder.Header header = new ManifestBuilder.Header(runId, identity, started);
    boolean resuming = nonEmpty(folder.generated()) || nonEmpty(folder.failures())
        || nonEmpty(folder.logprobs());
    RunManifest verified = previous.filter(p -> identity.equals(p.identity())
        && "complete".equals(p.status()) && p.outputs() != null).orElse(null);
    folder.writeManifest(manifests.build(header, "running", null, null, tally, null));
    RunnerStats stats = execute(header, resuming);
    String mismatch = RunAccounts.mismatch(tally, folder, verified);
    if (mismatch != null && mayRepair && resuming) {
      // Files an earlier (older or interrupted) invocation left disagreeing with each other:
      // rebuild them from the reply cache instead of failing the same way on every rerun.
      ledger.close("rebuilt");
      Path aside = folder.setAsideDamaged();
      notes.add("the earlier outputs did not add up (" + mismatch + "); moved them to " + aside
          + " and rebuilt them from the reply cache");
      tally = new RunTally();
      return runLocked(started, identity, false);
    }
    String status = mismatch != null ? "failed" : tally.skipped.get() > 0 ? "stopped"
        : "complete";
    manifests.stopped(stopReason);
    ledger.close(status);
    RunManifest end = manifests.build(header, status, Instant.now(), stats, tally, mismatch);
    folder.writeManifest(end);
    if (mismatch != null) {
      throw new IllegalStateException("run accounting does not add up: " + mismatch);
    }
    return end;
  }

  /** Sends and writes everything not yet done; returns this pass's traffic. */
  private RunnerStats execute(ManifestBuilder.Header header, boolean resuming) {
    Map<String, CompletedLog.Entry> done = new HashMap<>();
    RunnerStats stats = null;
    FirstFailure failure = new FirstFailure();
    batchTally = batchApi == null ? null : new BatchTally();
    manifests.batch(batchTally);
    try (TokenCounter counter = settings.cost().counter();
        ReplyCache cache = ReplyCache.open(settings.cacheDir());
        BatchRunner runner = new BatchRunner(teacher, teacherId, cache, settings.runner());
        LedgerCheckpoints checkpoints = ledger.open(header.runId(), runner.stats(),
            watchCost(runner, counter), projection, batchTally);
        JsonLinesWriter<CorpusRecord> gen = JsonLinesWriter.append(folder.generated());
        JsonLinesWriter<FailureLine> fail = JsonLinesWriter.append(folder.failures());
        JsonLinesWriter<LogprobsLine> logprobs = recipe.samplingParameters().wantsLogprobs()
            ? JsonLinesWriter.append(folder.logprobs()) : null;
        CompletedLog log = CompletedLog.open(folder.completed(), done);
        // Closed first, so every group still being written finishes before the files close.
        ProcessingPool pool = new ProcessingPool()) {
      stats = runner.stats();
      // Records and failure lines reach the files only after the replies they came from are in
      // the cache's log (safe from a kill): a resume then finds every such reply and never
      // writes a line twice.
      GroupWriter writer = new GroupWriter(gen.flushBarrier(runner::awaitStored),
          fail.flushBarrier(runner::awaitStored),
          logprobs == null ? null : logprobs.flushBarrier(runner::awaitStored), log, tally,
          new ProvenanceStamp(header.runId(), teacherId, recipe, settings.recipe().hash()),
          redactor, folder, resuming);
      SampleAsker asker = new SampleAsker(runner, pool.executor(), new RecipeParser(recipe),
          recipe.output().reasks(), suppliedId != null ? null : settings.teacher(), redactor,
          failure);
      progress.follow(tally, stats);
      if (batchApi != null) {
        batchPhase(runner, cache, counter, header, done);
      }
      progress.startPass();
      new SeedFeeder(settings, renderer, teacherId, tally, writer, asker, failure, progress)
          .feed(done);
      progress.report(true);
      stopReason = runner.stopReason();
    } catch (RuntimeException e) {
      RuntimeException shown = redacted(e);
      ledger.close("failed");
      folder.writeManifest(manifests.build(header, "failed", Instant.now(), stats, tally,
          shown.toString()));
      throw shown;
    }
    return stats;
  }

  /**
   * Fills the cache from batch jobs. With a cost limit, requests whose upper-bound cost at the
   * batch price does not fit what the limit leaves are held back from the jobs (a job cannot be
   * stopped midway); the synchronous pass then sends nothing fresh, so they end as skipped and a
   * rerun submits what then fits. Without a hold, the synchronous pass sends what the jobs left
   * unanswered, metered against the limit as ever.
   */
  private void batchPhase(BatchRunner runner, ReplyCache cache, TokenCounter counter,
      ManifestBuilder.Header header, Map<String, CompletedLog.Entry> done) {
    BatchSpend spend = new BatchSpend(meter, counter,
        recipe.samplingParameters().maxTokens());
    new BatchPhase(settings, renderer, teacherId, batchApi, cache, folder, batchTally,
        progress, notes, spend).run(header.identity(), done);
    if (spend.holdReason() != null) {
      runner.stop(spend.holdReason());
    } else if (meter != null && meter.reached()) {
      runner.stop(meter.reason());
    }
  }

  /**
   * Meters what this pass spends when the teacher's price is known, and stops the runner once
   * the run (earlier invocations included, from the ledger) reaches its limit: at once when it
   * already has. Returns the meter, or null when the price is unknown.
   */
  private CostMeter watchCost(BatchRunner runner, TokenCounter counter) {
    PriceMatch price = settings.cost().price();
    meter = null;
    if (price == null) {
      return null;
    }
    // The ledger before this pass's first line: what earlier invocations spent.
    Double earlier = ledger.totals(price.price()).cost();
    meter = new CostMeter(price.price(), earlier == null ? 0 : earlier,
        settings.cost().maxCost(), counter);
    runner.watchSpend(meter);
    manifests.meter(meter);
    if (meter.reached()) {
      runner.stop(meter.reason());
    }
    return meter;
  }

  /**
   * The earlier manifest, or empty when there is none. One that cannot be read (torn, or written
   * by a version with other fields) says nothing reliable about the outputs beside it, so they
   * are moved to {@code previous/} and the run starts over, from the cache for what it had.
   */
  /**
   * The groups earlier invocations of this same run finished, read without the lock and without
   * changing anything; none when the folder holds another run (it will be set aside) or its
   * manifest can't be read.
   */
  private Set<String> finishedGroups(String identity) {
    try {
      Optional<RunManifest> previous = folder.readManifest();
      return previous.isPresent() && identity.equals(previous.get().identity())
          ? CompletedLog.keys(folder.completed()) : Set.of();
    } catch (InputException unreadable) {
      return Set.of();
    }
  }

  private Optional<RunManifest> readPrevious() {
    try {
      return folder.readManifest();
    } catch (InputException unreadable) {
      Path aside = folder.rotate();
      notes.add(RunFolder.MANIFEST + " was unreadable (" + unreadable.getMessage().lines()
          .findFirst().orElse("") + "); moved the earlier outputs to " + aside + " and started"
          + " over from the reply cache");
      return Optional.empty();
    }
  }

  /** The exception as the user may see it: with every credential masked. */
  private RuntimeException redacted(RuntimeException e) {
    String message = e.getMessage();
    String masked = redactor.redact(message);
    if (message == null || message.equals(masked)) {
      return e;
    }
    // The cause keeps the original text, so it is not attached; bad input stays bad input.
    return e instanceof InputException ? new InputException(masked)
        : new IllegalStateException(masked);
  }

  private static boolean nonEmpty(Path f) {
    try {
      return Files.exists(f) && Files.size(f) > 0;
    } catch (IOException e) {
      return true;
    }
  }
}
