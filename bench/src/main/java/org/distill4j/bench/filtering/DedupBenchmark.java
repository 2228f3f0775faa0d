package org.distill4j.bench.filtering;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.dedup.ExactDedupCritic;
import org.distill4j.filtering.dedup.NearDedupCritic;

/**
 * Exact + near dedup of N short triples (default 1,000,000), as a filter chain runs them: batches
 * of 256 through {@link ExactDedupCritic} then {@link NearDedupCritic} (Jaccard 0.8). The corpus
 * is synthetic with a fixed seed: tails of 3-8 words from a 5,000-word vocabulary; 15 % exact
 * repeats (other case and punctuation) and 10 % near repeats (one word of a longer tail changed).
 * Records are built outside the timed region (their content ids are SHA-256, which the reader
 * would pay, not dedup). Reports records/s, what each stage dropped, and heap in use after a full
 * GC at the end (the dedup state). Run with e.g. {@code -Xmx1g} to show it fits.
 *
 * <p>Usage: {@code DedupBenchmark [N]}
 */
public final class DedupBenchmark {
  private static final int BATCH_SIZE = 256;

  private DedupBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    ExactDedupCritic exact = new ExactDedupCritic();
    NearDedupCritic near = new NearDedupCritic(0.8);
    // The generator is not held in a local here, so the GC below frees it: the heap figure is the
    // dedup state alone, as in BENCHMARKS.md (the single main's compiled loop dropped it too).
    Dedup total = run(n, new SyntheticTriples(new Random(42)), exact, near);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    report(n, total, near, heap);
    // Both critics, and their state, must still be reachable at the GC above.
    Reference.reachabilityFence(exact);
    Reference.reachabilityFence(near);
  }

  /** Runs all {@code n} records through both critics, batch by batch, timing only the critics. */
  private static Dedup run(int n, SyntheticTriples corpus, ExactDedupCritic exact,
      NearDedupCritic near) {
    Dedup total = new Dedup(0, 0, 0, 0);
    long made = 0;
    while (made < n) {
      int size = (int) Math.min(BATCH_SIZE, n - made);
      total = total.plus(dedup(corpus.batch(size), exact, near));
      made += size;
    }
    return total;
  }

  /** One batch as a filter chain runs it: exact first, and near on what exact kept. */
  private static Dedup dedup(List<CorpusRecord> batch, ExactDedupCritic exact,
      NearDedupCritic near) {
    long exactDropped = 0;
    long nearDropped = 0;
    long t0 = System.nanoTime();
    List<Assessment> a = exact.assess(batch);
    List<CorpusRecord> survivors = new ArrayList<>(batch.size());
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).kept()) {
        survivors.add(batch.get(i));
      } else {
        exactDropped++;
      }
    }
    long t1 = System.nanoTime();
    for (Assessment x : near.assess(survivors)) {
      if (!x.kept()) {
        nearDropped++;
      }
    }
    long t2 = System.nanoTime();
    return new Dedup(exactDropped, nearDropped, t1 - t0, t2 - t1);
  }

  private static void report(int n, Dedup total, NearDedupCritic near, long heap) {
    long exactDropped = total.exactDropped();
    long nearDropped = total.nearDropped();
    double secs = total.nanos() / 1e9;
    System.out.printf(Locale.ROOT, "records %d, exact dropped %d, near dropped %d, kept %d%n", n,
        exactDropped, nearDropped, n - exactDropped - nearDropped);
    System.out.printf(Locale.ROOT, "exact+near dedup: %.2f s, %.0f records/s (target 50,000)%n",
        secs, n / secs);
    System.out.printf(Locale.ROOT, "of which exact %.2f s, near %.2f s; LSH candidates compared"
        + " %.2f per record%n", total.exactNanos() / 1e9, total.nearNanos() / 1e9,
        (double) near.candidatesChecked() / (n - exactDropped));
    System.out.printf(Locale.ROOT, "heap in use after GC: %.0f MiB (max %.0f MiB); %.0f bytes per"
        + " kept record (the dedup state; the corpus generator is collected by then)%n", heap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        (double) heap / (n - exactDropped - nearDropped));
  }

  /** What each critic dropped, and the nanoseconds it took. */
  private record Dedup(long exactDropped, long nearDropped, long exactNanos, long nearNanos) {
    Dedup plus(Dedup other) {
      return new Dedup(exactDropped + other.exactDropped, nearDropped + other.nearDropped,
          exactNanos + other.exactNanos, nearNanos + other.nearNanos);
    }

    long nanos() {
      return exactNanos + nearNanos;
    }
  }
}
