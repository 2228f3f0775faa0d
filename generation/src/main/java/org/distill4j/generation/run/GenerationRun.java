package org.distill4j.generation.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.FailureKind;
import org.distill4j.teacher.batch.Outcome;
import org.distill4j.teacher.batch.RunnerStats;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.generation.parse.Fragment;
import org.distill4j.generation.parse.ParseResult;
import org.distill4j.generation.parse.RecipeParser;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.ReplySchema;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

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
 */
public final class GenerationRun {
  private static final long REPORT_EVERY_NANOS = 200_000_000L;
  private static final long MARK_EVERY_NANOS = 50_000_000L;

  private final GenerationSettings settings;
  private final Teacher teacher;
  private final ProgressListener progress;
  private final Recipe recipe;
  private final PromptRenderer renderer;
  private final RecipeParser parser;
  private final ReplySchema replySchema;
  private TeacherId teacherId;
  private final RunFolder folder;
  private RunTally tally = new RunTally();
  private final Object writeLock = new Object();
  private final java.util.concurrent.locks.ReentrantLock flushLock =
      new java.util.concurrent.locks.ReentrantLock();
  private final java.util.concurrent.ConcurrentLinkedQueue<FinishedGroup> finishedGroups =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicLong lastReport = new AtomicLong();
  private final InvocationLedger ledger;
  private final List<String> notes = new ArrayList<>();
  private SecretRedactor redactor = SecretRedactor.patternsOnly();
  private final AtomicReference<Throwable> writeError = new AtomicReference<>();
  /** Parses replies and writes groups: one thread per core, however many requests are in flight. */
  private ExecutorService processing;

  private JsonLinesWriter<CorpusRecord> generated;
  private JsonLinesWriter<FailureLine> failures;
  private CompletedLog completed;
  private BatchRunner runner;
  private String runId;
  private boolean resuming;
  private volatile Set<String> writtenKeys;
  private long startNanos;
  private volatile long lastMark;
  private long totalRequests = -1;

  public GenerationRun(GenerationSettings settings, Teacher teacher, ProgressListener progress) {
    this.settings = settings;
    this.teacher = teacher;
    this.progress = progress == null ? ProgressListener.none() : progress;
    this.recipe = settings.recipe().recipe();
    this.renderer = new PromptRenderer(recipe);
    this.parser = new RecipeParser(recipe);
    this.replySchema = recipe.replySchema();
    this.folder = new RunFolder(settings.outDir());
    this.ledger = new InvocationLedger(new RunLedger(folder.ledger()));
  }

  /** What {@code --dry-run} shows: the first prompts and how many requests a run would send. */
  public record DryRun(List<RenderedPrompt> firstPrompts, long seeds, long badSeeds,
      long requests) {}

  /** Renders prompts and counts requests without sending anything. */
  public DryRun dryRun(int show) {
    List<RenderedPrompt> first = new ArrayList<>();
    long seeds = 0;
    long bad = 0;
    long requests = 0;
    int n = recipe.samplingParameters().samples();
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      while (rows.hasNext() && (settings.limit() <= 0 || seeds + bad < settings.limit())) {
        ParsedLine<Seed> row = rows.next();
        if (row instanceof ParsedLine.Good<Seed> g) {
          List<RenderedPrompt> prompts;
          try {
            prompts = renderer.render(g.value());
          } catch (RuntimeException unusable) {
            bad++;
            continue;
          }
          seeds++;
          requests += (long) prompts.size() * n;
          for (RenderedPrompt p : prompts) {
            if (first.size() < show) {
              first.add(p);
            }
          }
        } else {
          bad++;
        }
      }
    }
    return new DryRun(first, seeds, bad, requests);
  }

  /** Requests a run will expand to, for progress: readable seed rows × prompts × samples. */
  private long estimateRequests() {
    long rows = 0;
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> it = reader.rows();
      while (it.hasNext() && (settings.limit() <= 0 || rows < settings.limit())) {
        if (it.next() instanceof ParsedLine.Good<Seed>) {
          rows++;
        }
      }
    }
    return rows * renderer.promptsPerSeed() * recipe.samplingParameters().samples();
  }

  /**
   * Runs (or resumes) the generation; returns the final manifest. Every input is read before
   * anything in the run folder is created, moved or locked, so bad seeds end the command with the
   * folder exactly as it was; then the folder is locked against other processes for the run.
   */
  public RunManifest run() {
    Instant started = Instant.now();
    startNanos = System.nanoTime();
    teacherId = settings.teacher().id();
    redactor = teacher == null ? SecretRedactor.patternsOnly() : teacher.redactor();
    String identity = identity();
    totalRequests = estimateRequests();
    try (FolderLock lock = FolderLock.acquire(folder.dir())) {
      return runLocked(started, identity, true);
    }
  }

  private RunManifest runLocked(Instant started, String identity, boolean mayRepair) {
    Optional<RunManifest> previous = readPrevious();
    if (previous.isPresent() && identity.equals(previous.get().identity())) {
      runId = previous.get().runId();
    } else {
      if (previous.isPresent()) {
        folder.rotate();
      }
      runId = newRunId(started);
    }
    resuming = nonEmpty(folder.generated()) || nonEmpty(folder.failures());
    RunManifest verified = previous.filter(p -> identity.equals(p.identity())
        && "complete".equals(p.status()) && p.outputs() != null).orElse(null);
    folder.writeManifest(manifest("running", identity, started, null, null, null));
    RunnerStats stats = execute(identity, started);
    String mismatch = RunAccounts.mismatch(tally, folder, verified);
    if (mismatch != null && mayRepair && resuming) {
      // Files an earlier (older or interrupted) invocation left disagreeing with each other:
      // rebuild them from the reply cache instead of failing the same way on every rerun.
      ledger.close("rebuilt");
      Path aside = folder.setAsideDamaged();
      notes.add("the earlier outputs did not add up (" + mismatch + "); moved them to " + aside
          + " and rebuilt them from the reply cache");
      resetForRebuild();
      return runLocked(started, identity, false);
    }
    String status = mismatch == null ? "complete" : "failed";
    ledger.close(status);
    RunManifest end = manifest(status, identity, started, Instant.now(), stats, mismatch);
    folder.writeManifest(end);
    if (mismatch != null) {
      throw new IllegalStateException("run accounting does not add up: " + mismatch);
    }
    return end;
  }

  /** Sends and writes everything not yet done; returns this pass's traffic. */
  private RunnerStats execute(String identity, Instant started) {
    Map<String, CompletedLog.Entry> done = new HashMap<>();
    RunnerStats stats = null;
    try (ReplyCache cache = ReplyCache.open(settings.cacheDir());
        BatchRunner r = new BatchRunner(teacher, teacherId, cache, settings.runner());
        LedgerCheckpoints checkpoints = ledger.open(runId, r.stats());
        JsonLinesWriter<CorpusRecord> gen = JsonLinesWriter.append(folder.generated());
        JsonLinesWriter<FailureLine> fail = JsonLinesWriter.append(folder.failures());
        CompletedLog log = CompletedLog.open(folder.completed(), done);
        // Closed first, so every group still being written finishes before the files close.
        Stoppable pool = startProcessing()) {
      this.runner = r;
      // Records and failure lines reach the files only after the replies they came from are in
      // the cache's log (safe from a kill): a resume then finds every such reply and never
      // writes a line twice.
      this.generated = gen.flushBarrier(r::awaitStored);
      this.failures = fail.flushBarrier(r::awaitStored);
      this.completed = log;
      stats = r.stats();
      feed(done);
      report(true);
    } catch (RuntimeException e) {
      RuntimeException shown = redacted(e);
      ledger.close("failed");
      folder.writeManifest(manifest("failed", identity, started, Instant.now(), stats,
          shown.toString()));
      throw shown;
    }
    return stats;
  }

  /**
   * The earlier manifest, or empty when there is none. One that cannot be read (torn, or written
   * by a version with other fields) says nothing reliable about the outputs beside it, so they
   * are moved to {@code previous/} and the run starts over, from the cache for what it had.
   */
  private Optional<RunManifest> readPrevious() {
    try {
      return folder.readManifest();
    } catch (InputException unreadable) {
      Path aside = folder.rotate();
      notes.add("manifest.json was unreadable (" + unreadable.getMessage().lines().findFirst()
          .orElse("") + "); moved the earlier outputs to " + aside + " and started over from"
          + " the reply cache");
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

  private void resetForRebuild() {
    tally = new RunTally();
    writtenKeys = null;
    finishedGroups.clear();
    lastMark = 0;
  }

  private void feed(Map<String, CompletedLog.Entry> done) {
    int n = recipe.samplingParameters().samples();
    int inFlightGroups = Math.max(4, settings.runner().concurrency() * 2);
    Semaphore permits = new Semaphore(inFlightGroups);
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      long rowsSeen = 0;
      while (rows.hasNext() && (settings.limit() <= 0 || rowsSeen < settings.limit())) {
        failIfWriteBroke();
        ParsedLine<Seed> row = rows.next();
        rowsSeen++;
        tally.seeds.incrementAndGet();
        if (row instanceof ParsedLine.Bad<Seed> bad) {
          seedFailure(bad.location().toString(), null, bad.problem(), bad.raw());
          continue;
        }
        Seed seed = ((ParsedLine.Good<Seed>) row).value();
        int perSeed = renderer.promptsPerSeed();
        String[] keys = new String[perSeed];
        boolean allDone = true;
        for (int e = 0; e < perSeed; e++) {
          keys[e] = groupKey(seed, e);
          allDone &= done.containsKey(keys[e]);
        }
        if (allDone) {
          // Finished by an earlier invocation: no rendering, no cache lookup, no parsing.
          for (String key : keys) {
            tally.expected.addAndGet(n);
            resume(done.get(key));
          }
          report(false);
          continue;
        }
        List<RenderedPrompt> prompts;
        try {
          prompts = renderer.render(seed);
        } catch (RuntimeException e) {
          seedFailure(seed.source().toString(), seed.fields(), e.getMessage(), null);
          continue;
        }
        for (RenderedPrompt prompt : prompts) {
          tally.expected.addAndGet(n);
          String groupKey = keys[prompt.expansion()];
          CompletedLog.Entry finished = done.get(groupKey);
          if (finished != null) {
            resume(finished);
            continue;
          }
          List<TeacherRequest> requests = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            requests.add(new TeacherRequest(prompt.messages(), recipe.samplingParameters(), i, 0,
                replySchema));
          }
          permits.acquireUninterruptibly();
          List<CompletableFuture<SampleResult>> samples = new ArrayList<>(n);
          for (TeacherRequest req : requests) {
            samples.add(sample(req, prompt.variables(), 0, 0));
          }
          CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new))
              .thenRun(() -> writeUnlessRefused(groupKey, prompt, samples.stream().map(CompletableFuture::join).toList()))
              .whenComplete((v, err) -> {
                if (err != null) {
                  writeError.compareAndSet(null, err);
                }
                permits.release();
                report(false);
              });
        }
      }
    }
    permits.acquireUninterruptibly(inFlightGroups);
    flushLock.lock();
    try {
      markFinishedGroups();
    } finally {
      flushLock.unlock();
    }
    failIfWriteBroke();
  }

  private void resume(CompletedLog.Entry finished) {
    tally.requests.addAndGet(finished.requests());
    tally.resumed.addAndGet(finished.requests());
    tally.ok.addAndGet(finished.ok());
    tally.failed.addAndGet(finished.failed());
    tally.records.addAndGet(finished.records());
    tally.fragments.addAndGet(finished.fragments());
    tally.duplicates.addAndGet(finished.duplicates());
    tally.reasks.addAndGet(finished.reasks());
  }

  /**
   * Asks one sample, re-asking with another seed while replies are unusable. The reply is parsed
   * (and its group written) on {@link #processing}, not on the runner's thread that waited for
   * it: those are as many as requests in flight, and CPU work spread over dozens of threads on a
   * few cores measured slower end to end (BENCHMARKS.md, stop 11).
   */
  private CompletableFuture<SampleResult> sample(
      TeacherRequest request, Map<String, String> vars, int reasks, int attemptsSoFar) {
    return runner.submit(request).thenComposeAsync(outcome -> {
      int attempts = attemptsSoFar + attemptsOf(outcome);
      if (outcome instanceof Outcome.Failed f && f.kind() == FailureKind.AUTH) {
        refuseKey(f);
      }
      if (outcome instanceof Outcome.Failed) {
        return CompletableFuture.completedFuture(new SampleResult(outcome, null, attempts, reasks));
      }
      TeacherReply reply = withoutKey(((Outcome.Answered) outcome).reply());
      ParseResult parsed = parser.parse(reply, vars);
      // A cut reply is not re-asked: the same limit would cut it again. Raise max_tokens instead.
      if (!parsed.usable() && !reply.truncated() && reasks < recipe.output().reasks()) {
        return sample(request.reask(request.variant() + 1), vars, reasks + 1, attempts);
      }
      return CompletableFuture.completedFuture(new SampleResult(outcome, parsed, attempts, reasks));
    }, processing);
  }

  /** Stops the run after the first refused key: every other request would be refused too. */
  private void refuseKey(Outcome.Failed f) {
    String env = settings.teacher().effectiveKeyEnv();
    String reason = f.reason() == null || f.reason().startsWith("not sent: ") ? "HTTP 401/403"
        : redactor.redact(f.reason());
    String message = "the teacher at " + settings.teacher().effectiveBaseUrl() + " refused "
        + (env == null ? "the request's credentials" : "the API key in " + env)
        + " (" + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason) + "); set"
        + " a valid key" + (env == null ? " (name its variable with --api-key-env)" : "")
        + " and run the same command again: finished work is kept and nothing is sent twice";
    if (writeError.compareAndSet(null, new TeacherKeyRefusedException(message))) {
      runner.halt("the teacher refused the key");
    }
  }

  /**
   * Writes the group unless the teacher refused the key for one of its samples: that is no
   * failure of the prompt, so the group stays unwritten and a resume sends it again.
   */
  private void writeUnlessRefused(String groupKey, RenderedPrompt prompt,
      List<SampleResult> results) {
    if (results.stream().noneMatch(GenerationRun::refused)) {
      writeGroup(groupKey, prompt, results);
    }
  }

  private static boolean refused(SampleResult r) {
    return r.outcome() instanceof Outcome.Failed f && f.kind() == FailureKind.AUTH;
  }

  /** The reply with the key masked, when a teacher wrote it into its answer; records follow. */
  private TeacherReply withoutKey(TeacherReply reply) {
    String text = redactor.redactValues(reply.text());
    return java.util.Objects.equals(text, reply.text()) ? reply : new TeacherReply(text,
        reply.finish(), reply.inputTokens(), reply.outputTokens(), reply.model());
  }

  private static int attemptsOf(Outcome o) {
    return o instanceof Outcome.Answered a ? a.attempts() : ((Outcome.Failed) o).attempts();
  }

  /**
   * Writes one group's records and failures, flushes them, then notes the group as completed.
   * Groups write concurrently (the writers are thread-safe and lines never interleave within a
   * line); what matters for resume is only that each group's flush precedes its completed line,
   * and a flush hands over everything buffered so far, this group's lines included.
   */
  private void writeGroup(String groupKey, RenderedPrompt prompt, List<SampleResult> results) {
    loadWrittenKeysIfResuming();
    Set<String> ids = new HashSet<>();
    int ok = 0;
    int failed = 0;
    int records = 0;
    int fragments = 0;
    int duplicates = 0;
    int reasks = 0;
    List<CorpusRecord> lines = new ArrayList<>();
    List<FailureLine> failureLines = new ArrayList<>();
    for (SampleResult r : results) {
      reasks += r.reasks();
      TeacherRequest req = r.outcome().request();
      String requestHash = r.outcome().key().hex();
      if (!r.usable()) {
        failed++;
        tally.category(r.category());
        addFailure(failureLines, new FailureLine("request", requestHash + ":request",
            prompt.seed().source().toString(), prompt.variables(), req.sampleIndex(), requestHash,
            r.category(), r.reason(), r.raw(), r.attempts(), r.reasks(), Instant.now()));
        continue;
      }
      ok++;
      TeacherReply reply = ((Outcome.Answered) r.outcome()).reply();
      Provenance provenance = provenance(req, requestHash, reply, prompt);
      int f = 0;
      List<Knowledge> items = r.parse().knowledge();
      for (int i = 0; i < items.size(); i++) {
        Knowledge k = items.get(i);
        String id = r.parse().ids().get(i);
        if (!ids.add(id)) {
          duplicates++;
          fragments++;
          addFailure(failureLines, fragment(prompt, req, requestHash, f++, "duplicate",
              new Fragment(k.text(), "same knowledge as another sample of this prompt"), r));
          continue;
        }
        records++;
        if (notYetWritten(requestHash + "|" + id)) {
          lines.add(new CorpusRecord(id, k, provenance, null, null));
        }
      }
      for (Fragment dropped : r.parse().dropped()) {
        fragments++;
        addFailure(failureLines, fragment(prompt, req, requestHash, f++, "parse", dropped, r));
      }
    }
    generated.writeAll(lines);
    failures.writeAll(failureLines);
    finishedGroups.add(new FinishedGroup(groupKey, new CompletedLog.Entry(results.size(), ok,
        failed, records, fragments, duplicates, reasks)));
    // Marking is batched in time as well: one flush and one completed.txt write per interval
    // serve every group finished in it. A crash loses at most an interval of marks, and those
    // groups are redone from the reply cache, writing no line twice.
    if (System.nanoTime() - lastMark >= MARK_EVERY_NANOS && flushLock.tryLock()) {
      try {
        markFinishedGroups();
        lastMark = System.nanoTime();
      } finally {
        flushLock.unlock();
      }
    }
    tally.requests.addAndGet(results.size());
    tally.ok.addAndGet(ok);
    tally.failed.addAndGet(failed);
    tally.records.addAndGet(records);
    tally.fragments.addAndGet(fragments);
    tally.duplicates.addAndGet(duplicates);
    tally.reasks.addAndGet(reasks);
  }

  /** An {@link AutoCloseable} whose close throws nothing checked. */
  private interface Stoppable extends AutoCloseable {
    @Override
    void close();
  }

  private Stoppable startProcessing() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
          Thread t = new Thread(r, "distill4j-parse-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.processing = pool;
    return () -> {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    };
  }

  /** A group whose lines are written (maybe still buffered) but not yet marked completed. */
  private record FinishedGroup(String key, CompletedLog.Entry entry) {}

  /**
   * Flushes both files, then marks the groups queued before the flush as completed. A group is
   * queued only after its lines are in the writers' buffers, so the flush carries them; groups
   * queued meanwhile wait for the next call. One flush and one marker write serve every group
   * finished since the last call, instead of one each. Call with {@link #flushLock} held.
   */
  private void markFinishedGroups() {
    List<FinishedGroup> batch = new ArrayList<>();
    for (FinishedGroup g; (g = finishedGroups.poll()) != null; ) {
      batch.add(g);
    }
    if (batch.isEmpty()) {
      return;
    }
    generated.flush();
    failures.flush();
    // Only after both files hold the groups' lines: a crash before this line redoes the groups
    // from the cache, skipping lines already written.
    completed.addAll(batch.stream().map(FinishedGroup::key).toList(),
        batch.stream().map(FinishedGroup::entry).toList());
  }

  /** Reads what an interrupted earlier invocation wrote, once, before the first write. */
  private void loadWrittenKeysIfResuming() {
    if (resuming && writtenKeys == null) {
      synchronized (writeLock) {
        if (writtenKeys == null) {
          writtenKeys = folder.writtenKeys();
        }
      }
    }
  }

  private FailureLine fragment(RenderedPrompt prompt, TeacherRequest req, String requestHash,
      int ordinal, String category, Fragment fragment, SampleResult r) {
    return new FailureLine("fragment", requestHash + ":f" + ordinal, prompt.seed().source().toString(),
        prompt.variables(), req.sampleIndex(), requestHash, category, fragment.reason(),
        fragment.text(), r.attempts(), r.reasks(), Instant.now());
  }

  /** False for a line an interrupted earlier invocation already wrote. */
  private boolean notYetWritten(String key) {
    return writtenKeys == null || !writtenKeys.contains(key);
  }

  private void addFailure(List<FailureLine> out, FailureLine line) {
    if (notYetWritten(line.key())) {
      out.add(line.redactedWith(redactor));
    }
  }

  private void writeFailure(FailureLine line) {
    if (notYetWritten(line.key())) {
      failures.write(line.redactedWith(redactor));
    }
  }

  private void seedFailure(String where, Map<String, String> fields, String reason, String raw) {
    tally.seedFailures.incrementAndGet();
    tally.category("bad_seed");
    loadWrittenKeysIfResuming();
    writeFailure(new FailureLine("seed", "seed:" + where, where, fields, null, null, "bad_seed",
        reason, raw, null, null, Instant.now()));
    failures.flush();
  }

  private Provenance provenance(TeacherRequest req, String requestHash, TeacherReply reply,
      RenderedPrompt prompt) {
    return Provenance.builder()
        .runId(runId)
        .teacherProvider(teacherId.provider())
        .teacherModel(reply.model() != null ? reply.model() : teacherId.model())
        .recipeId(recipe.id())
        .recipeVersion(recipe.version())
        .recipeHash(settings.recipe().hash())
        .sampling(recipe.samplingParameters())
        .requestHash(requestHash)
        .sampleIndex(req.sampleIndex())
        .createdAt(Instant.now())
        .seedId(seedId(prompt))
        .build();
  }

  /**
   * Names the question a prompt asks, the same for all its samples and for every teacher given
   * the same seeds: the seed's {@code id} field, else its file name and line (not the path, which
   * differs with the working directory), with the expansion entry when there are several.
   */
  private static String seedId(RenderedPrompt prompt) {
    Seed seed = prompt.seed();
    String id = seed.fields().get("id");
    if (id == null || id.isBlank()) {
      java.nio.file.Path name = seed.source().file().getFileName();
      id = (name == null ? seed.source().file() : name) + ":" + seed.source().line();
    }
    return prompt.expansion() == 0 ? id : id + "#" + prompt.expansion();
  }

  /**
   * The key of one prompt group. A rendered prompt is a function of the recipe, the seed's fields
   * and the expansion entry, so hashing those identifies the group without rendering it; the seed's
   * line keeps repeated seeds apart.
   */
  private String groupKey(Seed seed, int expansion) {
    StringBuilder b = new StringBuilder(settings.recipe().hash()).append('|')
        .append(teacherId.provider()).append('|').append(teacherId.model()).append('|')
        .append(seed.source().line()).append('|').append(expansion);
    for (Map.Entry<String, String> f : seed.fields().entrySet()) {
      b.append('\u001f').append(f.getKey()).append('\u001e').append(f.getValue());
    }
    return Sha256.hex(b.toString());
  }

  private String identity() {
    return Sha256.hex(settings.recipe().hash() + "|" + teacherId.provider() + "|" + teacherId.model()
        + "|" + settings.seeds().toAbsolutePath().normalize() + "|" + settings.fieldMapping().sources()
        + "|" + settings.limit());
  }

  private RunManifest manifest(String status, String identity, Instant started, Instant finished,
      RunnerStats stats, String error) {
    RunnerStats.Snapshot s = stats == null ? null : stats.snapshot();
    Map<String, Long> errors = new LinkedHashMap<>();
    if (s != null) {
      for (Map.Entry<FailureKind, Long> e : new EnumMap<>(s.errorsByKind()).entrySet()) {
        errors.put(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue());
      }
    }
    boolean anyUsage = s != null && s.answered() - s.cacheHits() > s.unknownUsage();
    Sampling sampling = recipe.samplingParameters();
    return new RunManifest(
        runId, status, identity, started, finished,
        finished == null ? null : Duration.between(started, finished).toMillis() / 1000.0,
        new RunManifest.RecipeInfo(recipe.id(), recipe.version(), settings.recipe().hash(),
            String.valueOf(settings.recipe().file())),
        settings.teacher(), sampling,
        new RunManifest.SeedInfo(settings.seeds().toString(), settings.fieldMapping().sources(),
            settings.limit() > 0 ? settings.limit() : null),
        new RunManifest.RunnerInfo(settings.runner().concurrency(),
            settings.runner().requestsPerMinute(), settings.runner().tokensPerMinute(),
            settings.runner().retry().maxAttempts()),
        tally.counts(),
        s == null ? null : new RunManifest.Calls(s.requestsSent(), s.retries(), s.cacheHits(), errors),
        s == null ? null : new RunManifest.Tokens(anyUsage ? s.inputTokens() : null,
            anyUsage ? s.outputTokens() : null, s.unknownUsage()),
        tally.categories(), redactor.redact(error), finished == null ? null : RunAccounts.sizes(folder),
        ledger.totals(), notes.isEmpty() ? null : List.copyOf(notes));
  }

  private void report(boolean force) {
    long now = System.nanoTime();
    long last = lastReport.get();
    if (!force && (now - last < REPORT_EVERY_NANOS || !lastReport.compareAndSet(last, now))) {
      return;
    }
    RunnerStats.Snapshot s = runner == null ? null : runner.stats().snapshot();
    progress.update(new Progress(tally.requests.get(), totalRequests,
        s == null ? 0 : s.requestsSent(), s == null ? 0 : s.cacheHits(), tally.failed.get(),
        s == null ? 0 : s.inputTokens(), s == null ? 0 : s.outputTokens(),
        (now - startNanos) / 1_000_000));
  }

  private void failIfWriteBroke() {
    Throwable t = writeError.get();
    if (t instanceof TeacherKeyRefusedException refused) {
      throw refused;
    }
    if (t != null) {
      // The futures wrap what went wrong; the user wants the cause, not "CompletionException: …".
      Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
          ? t.getCause() : t;
      throw new IllegalStateException("writing results failed: " + cause.getMessage(), cause);
    }
  }

  private static boolean nonEmpty(java.nio.file.Path f) {
    try {
      return Files.exists(f) && Files.size(f) > 0;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static String newRunId(Instant started) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
