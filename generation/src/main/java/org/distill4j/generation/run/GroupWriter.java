package org.distill4j.generation.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.logprob.LogprobsLine;
import org.distill4j.generation.parse.Fragment;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.batch.Outcome;

/**
 * Writes groups whole and marks them completed. Groups write concurrently (the writers are
 * thread-safe and lines never interleave within a line); what matters for resume is only that
 * each group's flush precedes its completed line, and a flush hands over everything buffered so
 * far, that group's lines included. On a resume, lines an interrupted earlier invocation already
 * wrote are skipped, so no line is written twice.
 */
final class GroupWriter {
  private static final long MARK_EVERY_NANOS = 50_000_000L;

  private final JsonLinesWriter<CorpusRecord> generated;
  private final JsonLinesWriter<FailureLine> failures;
  private final JsonLinesWriter<LogprobsLine> logprobs;
  private final CompletedLog completed;
  private final RunTally tally;
  private final ProvenanceStamp stamp;
  private final SecretRedactor redactor;
  private final RunFolder folder;
  private final boolean resuming;
  private final ReentrantLock flushLock = new ReentrantLock();
  private final ConcurrentLinkedQueue<FinishedGroup> finishedGroups =
      new ConcurrentLinkedQueue<>();
  private final Object keysLock = new Object();
  private volatile Set<String> writtenKeys;
  private volatile long lastMark;

  /**
   * @param logprobs where replies' log-probabilities go; null when the recipe asks for none
   */
  GroupWriter(JsonLinesWriter<CorpusRecord> generated, JsonLinesWriter<FailureLine> failures,
      JsonLinesWriter<LogprobsLine> logprobs, CompletedLog completed, RunTally tally,
      ProvenanceStamp stamp, SecretRedactor redactor, RunFolder folder, boolean resuming) {
    this.generated = generated;
    this.failures = failures;
    this.logprobs = logprobs;
    this.completed = completed;
    this.tally = tally;
    this.stamp = stamp;
    this.redactor = redactor;
    this.folder = folder;
    this.resuming = resuming;
  }

  /** A group whose lines are written (maybe still buffered) but not yet marked completed. */
  private record FinishedGroup(String key, CompletedLog.Entry entry) {}

  /** What one group came to, counted while its lines are built. */
  private static final class GroupCounts {
    final Set<String> ids = new HashSet<>();
    final List<CorpusRecord> records = new ArrayList<>();
    final List<FailureLine> failureLines = new ArrayList<>();
    final List<LogprobsLine> logprobsLines = new ArrayList<>();
    int ok;
    int failed;
    int recordCount;
    int fragments;
    int duplicates;
    int reasks;
  }

  /** Writes one group's records and failures, then queues it to be marked completed. */
  void write(String groupKey, RenderedPrompt prompt, List<SampleResult> results) {
    loadWrittenKeysIfResuming();
    GroupCounts c = new GroupCounts();
    for (SampleResult r : results) {
      c.reasks += r.reasks();
      if (r.usable()) {
        c.ok++;
        addSample(c, prompt, r);
      } else {
        c.failed++;
        tally.category(r.category());
        String requestHash = r.outcome().key().hex();
        addFailure(c.failureLines, new FailureLine("request", requestHash + ":request",
            prompt.seed().source().toString(), prompt.variables(),
            r.outcome().request().sampleIndex(), requestHash, r.category(), r.reason(), r.raw(),
            r.attempts(), r.reasks(), Instant.now()));
      }
    }
    if (logprobs != null) {
      logprobs.writeAll(c.logprobsLines);
    }
    generated.writeAll(c.records);
    failures.writeAll(c.failureLines);
    finishedGroups.add(new FinishedGroup(groupKey, new CompletedLog.Entry(results.size(), c.ok,
        c.failed, c.recordCount, c.fragments, c.duplicates, c.reasks)));
    markNowAndThen();
    tally.requests.addAndGet(results.size());
    tally.ok.addAndGet(c.ok);
    tally.failed.addAndGet(c.failed);
    tally.records.addAndGet(c.recordCount);
    tally.fragments.addAndGet(c.fragments);
    tally.duplicates.addAndGet(c.duplicates);
    tally.reasks.addAndGet(c.reasks);
  }

  /** A usable sample's records, and a failure line for each duplicate or dropped fragment. */
  private void addSample(GroupCounts c, RenderedPrompt prompt, SampleResult r) {
    TeacherRequest req = r.outcome().request();
    String requestHash = r.outcome().key().hex();
    TeacherReply reply = ((Outcome.Answered) r.outcome()).reply();
    if (logprobs != null && reply.logprobs() != null) {
      LogprobsLine line = LogprobsLine.of(requestHash, reply.logprobs());
      if (notYetWritten(line.key())) {
        c.logprobsLines.add(line);
      }
    }
    int f = 0;
    List<Knowledge> items = r.parse().knowledge();
    for (int i = 0; i < items.size(); i++) {
      Knowledge k = items.get(i);
      String id = r.parse().ids().get(i);
      if (!c.ids.add(id)) {
        c.duplicates++;
        c.fragments++;
        addFailure(c.failureLines, fragment(prompt, req, requestHash, f++, "duplicate",
            new Fragment(k.text(), "same knowledge as another sample of this prompt"), r));
        continue;
      }
      c.recordCount++;
      if (notYetWritten(requestHash + "|" + id)) {
        c.records.add(new CorpusRecord(id, RunIdentity.externalId(prompt.seed()), k,
            stamp.of(req, requestHash, reply, prompt), null, null));
      }
    }
    for (Fragment dropped : r.parse().dropped()) {
      c.fragments++;
      addFailure(c.failureLines, fragment(prompt, req, requestHash, f++, "parse", dropped, r));
    }
  }

  /**
   * Marking is batched in time: one flush and one completed.txt write per interval serve every
   * group finished in it. A crash loses at most an interval of marks, and those groups are redone
   * from the reply cache, writing no line twice.
   */
  private void markNowAndThen() {
    if (System.nanoTime() - lastMark >= MARK_EVERY_NANOS && flushLock.tryLock()) {
      try {
        markFinishedGroups();
        lastMark = System.nanoTime();
      } finally {
        flushLock.unlock();
      }
    }
  }

  /** Marks every group finished so far; for the end of a pass, after all groups are written. */
  void markAll() {
    flushLock.lock();
    try {
      markFinishedGroups();
    } finally {
      flushLock.unlock();
    }
  }

  /**
   * Flushes both files, then marks the groups queued before the flush as completed. A group is
   * queued only after its lines are in the writers' buffers, so the flush carries them; groups
   * queued meanwhile wait for the next call. Call with {@link #flushLock} held.
   */
  private void markFinishedGroups() {
    List<FinishedGroup> batch = new ArrayList<>();
    for (FinishedGroup g; (g = finishedGroups.poll()) != null; ) {
      batch.add(g);
    }
    if (batch.isEmpty()) {
      return;
    }
    // Log-probabilities first: a record on disk then always finds its reply's line, and a kill
    // between the flushes leaves at worst a line whose records the resume writes.
    if (logprobs != null) {
      logprobs.flush();
    }
    generated.flush();
    failures.flush();
    // Only after both files hold the groups' lines: a crash before this line redoes the groups
    // from the cache, skipping lines already written.
    completed.addAll(batch.stream().map(FinishedGroup::key).toList(),
        batch.stream().map(FinishedGroup::entry).toList());
  }

  /** A seed row that gave no prompt: one failure line, flushed at once. */
  void seedFailure(String where, Map<String, String> fields, String reason, String raw) {
    tally.seedFailures.incrementAndGet();
    tally.category("bad_seed");
    loadWrittenKeysIfResuming();
    FailureLine line = new FailureLine("seed", "seed:" + where, where, fields, null, null,
        "bad_seed", reason, raw, null, null, Instant.now());
    if (notYetWritten(line.key())) {
      failures.write(line.redactedWith(redactor));
    }
    failures.flush();
  }

  /** Reads what an interrupted earlier invocation wrote, once, before the first write. */
  private void loadWrittenKeysIfResuming() {
    if (resuming && writtenKeys == null) {
      synchronized (keysLock) {
        if (writtenKeys == null) {
          writtenKeys = folder.writtenKeys();
        }
      }
    }
  }

  private static FailureLine fragment(RenderedPrompt prompt, TeacherRequest req,
      String requestHash, int ordinal, String category, Fragment fragment, SampleResult r) {
    return new FailureLine("fragment", requestHash + ":f" + ordinal,
        prompt.seed().source().toString(), prompt.variables(), req.sampleIndex(), requestHash,
        category, fragment.reason(), fragment.text(), r.attempts(), r.reasks(), Instant.now());
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
}
