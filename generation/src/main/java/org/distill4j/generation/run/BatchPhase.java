package org.distill4j.generation.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.batchapi.BatchApi;
import org.distill4j.teacher.batchapi.BatchApiException;
import org.distill4j.teacher.batchapi.ItemResult;
import org.distill4j.teacher.batchapi.JobState;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyCache;

/**
 * The batch phase of a run ({@code --batch}), before the synchronous pass: submits the requests
 * the reply cache lacks as batch jobs ({@link BatchSubmission}), polls the jobs until they end,
 * and stores each answer in the reply cache under the key the synchronous pass looks up, as the
 * reply the synchronous client would have made. The synchronous pass then finds them (0 sent)
 * and sends, with its retries, only what the jobs did not answer (errored, expired, canceled):
 * nothing is lost, and the records are those a synchronous run gives.
 *
 * <p>Every job is in {@code batches.json} before it is polled; a process stopped while waiting
 * (Ctrl-C, a kill, a lost connection) is followed by one that polls the same jobs and submits
 * nothing again.
 */
final class BatchPhase {
  private static final int REASONS_KEPT = 3;

  private final GenerationSettings settings;
  private final PromptRenderer renderer;
  private final TeacherId teacher;
  private final BatchApi api;
  private final ReplyCache cache;
  private final RunFolder folder;
  private final BatchTally tally;
  private final ProgressReporter progress;
  private final List<String> notes;
  private final BatchSpend spend;

  /** @param spend prices the answers and admits requests under the cost limit */
  BatchPhase(GenerationSettings settings, PromptRenderer renderer, TeacherId teacher,
      BatchApi api, ReplyCache cache, RunFolder folder, BatchTally tally,
      ProgressReporter progress, List<String> notes, BatchSpend spend) {
    this.settings = settings;
    this.renderer = renderer;
    this.teacher = teacher;
    this.api = api;
    this.cache = cache;
    this.folder = folder;
    this.tally = tally;
    this.progress = progress;
    this.notes = notes;
    this.spend = spend;
  }

  /** Submits, waits and collects; returns once every job's answers are in the cache. */
  void run(String identity, Map<String, CompletedLog.Entry> done) {
    BatchJobs jobs = BatchJobs.load(folder.batches(), identity, api.provider(), teacher.model());
    if (jobs.settled()) {
      jobs.nextRound();
    }
    if (!jobs.state().submitted()) {
      new BatchSubmission(settings, renderer, teacher, api, cache, folder.batchDir(), jobs,
          tally, spend, i -> progress.batch(new Progress.Batch(i + 1, 0, "submitted", 0,
              jobs.jobs().get(i).requests(), 0)))
          .run(done);
    }
    await(jobs);
    cleanUp(jobs);
  }

  /** Polls every open job until all have ended and are collected. */
  private void await(BatchJobs jobs) {
    int failures = 0;
    for (List<Integer> open = open(jobs); !open.isEmpty(); open = open(jobs)) {
      for (int i : open) {
        BatchJobs.Job job = jobs.jobs().get(i);
        JobState state;
        try {
          state = api.poll(job.id());
          failures = 0;
        } catch (BatchApiException e) {
          failures++;
          if (!e.passing() || failures >= settings.batch().maxPollFailures()) {
            throw new IllegalStateException("cannot poll batch job " + job.id() + ": "
                + e.getMessage() + "; the run's jobs are recorded in "
                + folder.batches().getFileName() + ": run the same command again to pick them"
                + " up (nothing is submitted twice)", e);
          }
          continue;
        }
        jobs.set(i, job.polled(state.status(), state.succeeded(), state.failed()));
        report(jobs, i, state.status(), state.succeeded(), state.total(), state.failed());
        if (state.ended()) {
          collect(jobs, i, state);
        }
      }
      if (!open(jobs).isEmpty()) {
        sleep();
      }
    }
  }

  /** The jobs created and not yet collected. */
  private static List<Integer> open(BatchJobs jobs) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < jobs.jobs().size(); i++) {
      if (jobs.jobs().get(i).id() != null && !jobs.jobs().get(i).collected()) {
        open.add(i);
      }
    }
    return open;
  }

  /** Stores an ended job's answers in the cache, then marks it collected. */
  private void collect(BatchJobs jobs, int index, JobState state) {
    BatchJobs.Job job = jobs.jobs().get(index);
    Sampling sampling = settings.recipe().recipe().samplingParameters();
    Integer maxTokens = sampling.maxTokens();
    AtomicLong answered = new AtomicLong();
    List<String> reasons = new ArrayList<>();
    AtomicReference<String> unreadable = new AtomicReference<>();
    api.results(state, sampling, folder.batchDir().resolve("scratch"), result -> {
      if (result instanceof ItemResult.Answered a && isKey(a.customId())) {
        answered.incrementAndGet();
        store(new CacheKey(a.customId()), maxTokens, a.reply(), job);
      } else if (result instanceof ItemResult.Failed f) {
        if (f.customId() == null) {
          unreadable.compareAndSet(null, f.reason());
        } else if (reasons.size() < REASONS_KEPT) {
          reasons.add(f.reason());
        }
      }
    });
    long unanswered = Math.max(0, job.requests() - answered.get());
    tally.failed.addAndGet(unanswered);
    if (unanswered > 0 || state.problem() != null || unreadable.get() != null) {
      notes.add("batch job " + job.id() + " ended " + state.status() + " with " + unanswered
          + " of " + job.requests() + " requests unanswered"
          + (state.problem() == null ? "" : " (" + state.problem() + ")")
          + (reasons.isEmpty() ? "" : "; e.g. " + String.join("; ", reasons))
          + (unreadable.get() == null ? "" : "; " + unreadable.get())
          + "; they were sent one by one instead");
    }
    jobs.set(index, jobs.jobs().get(index).markCollected());
  }

  /**
   * Stores one answer unless the cache already holds it (an earlier, stopped collection of the
   * same job stored it and counted it): so each answer is counted, and priced, once.
   */
  private void store(CacheKey key, Integer maxTokens, TeacherReply reply, BatchJobs.Job job) {
    if (cache.find(key, maxTokens).isPresent()) {
      return;
    }
    cache.store(key, maxTokens, reply);
    tally.answered.incrementAndGet();
    spend.answered(reply, job);
    if (reply.inputTokens() == null || reply.outputTokens() == null) {
      tally.withoutUsage.incrementAndGet();
    }
    if (reply.inputTokens() != null) {
      tally.tokensIn.addAndGet(reply.inputTokens());
    }
    if (reply.outputTokens() != null) {
      tally.tokensOut.addAndGet(reply.outputTokens());
    }
  }

  private static boolean isKey(String id) {
    return id != null && id.matches("[0-9a-f]{64}");
  }

  private void report(BatchJobs jobs, int index, String status, long done, long total,
      long failed) {
    progress.batch(new Progress.Batch(index + 1, jobs.jobs().size(), status, done, total,
        failed));
  }

  private void sleep() {
    try {
      Thread.sleep(settings.batch().pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the batch jobs; run the"
          + " same command again to pick them up", e);
    }
  }

  /** Once every job is collected, their entry files are no longer needed. */
  private void cleanUp(BatchJobs jobs) {
    if (!jobs.settled()) {
      return;
    }
    try {
      for (BatchJobs.Job job : jobs.jobs()) {
        Files.deleteIfExists(folder.batchDir().resolve(job.input()));
      }
      Path scratch = folder.batchDir().resolve("scratch");
      if (Files.isDirectory(scratch)) {
        try (var left = Files.list(scratch)) {
          for (Path p : left.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(scratch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + folder.batchDir() + ": "
          + e.getMessage(), e);
    }
  }
}
