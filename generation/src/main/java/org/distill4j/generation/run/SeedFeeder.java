package org.distill4j.generation.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.batch.Outcome;

/**
 * Flow control: streams the seeds, skips groups an earlier invocation finished, and sends the
 * rest with a bounded number of groups in flight, so memory follows the groups in flight, not
 * the corpus.
 */
final class SeedFeeder {
  /** How the runner words the reason of a request it did not send. */
  private static final String NOT_SENT = "not sent: ";
  private final GenerationSettings settings;
  private final Recipe recipe;
  private final PromptRenderer renderer;
  private final TeacherId teacher;
  private final RunTally tally;
  private final GroupWriter writer;
  private final SampleAsker asker;
  private final FirstFailure failure;
  private final ProgressReporter progress;
  private final int samples;
  private final int inFlightGroups;
  private final Semaphore permits;

  SeedFeeder(GenerationSettings settings, PromptRenderer renderer, TeacherId teacher,
      RunTally tally, GroupWriter writer, SampleAsker asker, FirstFailure failure,
      ProgressReporter progress) {
    this.settings = settings;
    this.recipe = settings.recipe().recipe();
    this.renderer = renderer;
    this.teacher = teacher;
    this.tally = tally;
    this.writer = writer;
    this.asker = asker;
    this.failure = failure;
    this.progress = progress;
    this.samples = recipe.samplingParameters().samples();
    this.inFlightGroups = Math.max(4, settings.runner().concurrency() * 2);
    this.permits = new Semaphore(inFlightGroups);
  }

  /** Sends and writes every group not in {@code done}; returns when all are written. */
  void feed(Map<String, CompletedLog.Entry> done) {
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      long rowsSeen = 0;
      while (rows.hasNext() && (settings.limit() <= 0 || rowsSeen < settings.limit())) {
        failure.rethrow();
        ParsedLine<Seed> row = rows.next();
        rowsSeen++;
        tally.seeds.incrementAndGet();
        if (row instanceof ParsedLine.Bad<Seed> bad) {
          writer.seedFailure(bad.location().toString(), null, bad.problem(), bad.raw());
        } else {
          feedSeed(((ParsedLine.Good<Seed>) row).value(), done);
        }
      }
    }
    permits.acquireUninterruptibly(inFlightGroups);
    writer.markAll();
    failure.rethrow();
  }

  private void feedSeed(Seed seed, Map<String, CompletedLog.Entry> done) {
    String[] keys = new String[renderer.promptsPerSeed()];
    boolean allDone = true;
    for (int e = 0; e < keys.length; e++) {
      keys[e] = RunIdentity.groupKey(settings.recipe().hash(), teacher, seed, e);
      allDone &= done.containsKey(keys[e]);
    }
    if (allDone) {
      // Finished by an earlier invocation: no rendering, no cache lookup, no parsing.
      for (String key : keys) {
        tally.expected.addAndGet(samples);
        resume(done.get(key));
      }
      progress.report(false);
      return;
    }
    List<RenderedPrompt> prompts;
    try {
      prompts = renderer.render(seed);
    } catch (RuntimeException e) {
      writer.seedFailure(seed.source().toString(), seed.fields(), e.getMessage(), null);
      return;
    }
    for (RenderedPrompt prompt : prompts) {
      tally.expected.addAndGet(samples);
      String groupKey = keys[prompt.expansion()];
      CompletedLog.Entry finished = done.get(groupKey);
      if (finished != null) {
        resume(finished);
      } else {
        send(groupKey, prompt);
      }
    }
  }

  /** Sends a group's samples; the group is written once all of them are back. */
  private void send(String groupKey, RenderedPrompt prompt) {
    List<TeacherRequest> requests = PromptRequests.of(recipe, prompt);
    permits.acquireUninterruptibly();
    List<CompletableFuture<SampleResult>> asked = new ArrayList<>(samples);
    for (TeacherRequest req : requests) {
      asked.add(asker.ask(req, prompt.variables()));
    }
    CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenRun(() -> writeUnlessRefused(groupKey, prompt,
            asked.stream().map(CompletableFuture::join).toList()))
        .whenComplete((v, err) -> {
          if (err != null) {
            failure.offer(err);
          }
          permits.release();
          progress.report(false);
        });
  }

  /**
   * Writes the group unless the teacher refused the key for one of its samples: that is no
   * failure of the prompt, so the group stays unwritten and a resume sends it again. A group
   * with a sample never sent because the run stopped (a cost limit) stays unwritten too, and is
   * counted as skipped: its samples are written together by the rerun, the ones that did
   * arrive from the cache at no cost.
   */
  private void writeUnlessRefused(String groupKey, RenderedPrompt prompt,
      List<SampleResult> results) {
    if (results.stream().anyMatch(SampleAsker::refused)) {
      return;
    }
    for (SampleResult r : results) {
      if (SampleAsker.stopped(r)) {
        String reason = ((Outcome.Failed) r.outcome()).reason();
        tally.skip(results.size(), reason.startsWith(NOT_SENT)
            ? reason.substring(NOT_SENT.length()) : reason);
        return;
      }
    }
    writer.write(groupKey, prompt, results);
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
}
