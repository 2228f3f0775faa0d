package org.distill4j.bench.filtering;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;
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
  private DedupBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int batchSize = 256;
    Random rnd = new Random(42);
    String[] vocab = new String[5000];
    for (int i = 0; i < vocab.length; i++) {
      vocab[i] = word(rnd, i);
    }
    String[] heads = new String[2000];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = "PersonX " + vocab[rnd.nextInt(vocab.length)] + "s " + vocab[rnd.nextInt(
          vocab.length)];
    }
    String[] relations = {"xIntent", "xNeed", "xAttr", "xEffect", "xReact", "xWant", "oEffect",
        "oReact", "oWant"};
    List<String[]> recent = new ArrayList<>();

    ExactDedupCritic exact = new ExactDedupCritic();
    NearDedupCritic near = new NearDedupCritic(0.8);
    long exactDropped = 0;
    long nearDropped = 0;
    long timed = 0;
    long exactTime = 0;
    long nearTime = 0;
    long made = 0;
    while (made < n) {
      int size = (int) Math.min(batchSize, n - made);
      List<CorpusRecord> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        String[] t;
        double u = rnd.nextDouble();
        if (u < 0.15 && !recent.isEmpty()) {
          String[] o = recent.get(rnd.nextInt(recent.size()));
          t = new String[] {o[0], o[1], o[2].toUpperCase(Locale.ROOT) + "."};
        } else if (u < 0.25 && !recent.isEmpty()) {
          String[] o = recent.get(rnd.nextInt(recent.size()));
          String[] w = o[2].split(" ");
          if (w.length >= 6) {
            w[w.length - 1] = vocab[rnd.nextInt(vocab.length)];
          }
          t = new String[] {o[0], o[1], String.join(" ", w)};
        } else {
          int len = 3 + rnd.nextInt(6);
          StringBuilder tail = new StringBuilder();
          for (int w = 0; w < len; w++) {
            tail.append(w == 0 ? "" : " ").append(vocab[rnd.nextInt(vocab.length)]);
          }
          t = new String[] {heads[rnd.nextInt(heads.length)],
              relations[rnd.nextInt(relations.length)], tail.toString()};
          if (recent.size() < 10_000) {
            recent.add(t);
          } else {
            recent.set(rnd.nextInt(recent.size()), t);
          }
        }
        batch.add(CorpusRecord.of(new CommonsenseTriple(t[0], t[1], t[2]), Provenance.unknown()));
      }
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
      timed += t2 - t0;
      exactTime += t1 - t0;
      nearTime += t2 - t1;
      made += size;
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    double secs = timed / 1e9;
    System.out.printf(Locale.ROOT, "records %d, exact dropped %d, near dropped %d, kept %d%n", n,
        exactDropped, nearDropped, n - exactDropped - nearDropped);
    System.out.printf(Locale.ROOT, "exact+near dedup: %.2f s, %.0f records/s (target 50,000)%n",
        secs, n / secs);
    System.out.printf(Locale.ROOT, "of which exact %.2f s, near %.2f s; LSH candidates compared"
        + " %.2f per record%n", exactTime / 1e9, nearTime / 1e9,
        (double) near.candidatesChecked() / (n - exactDropped));
    System.out.printf(Locale.ROOT, "heap in use after GC: %.0f MiB (max %.0f MiB); %.0f bytes per"
        + " kept record including the generator's 10k recent tails%n", heap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        (double) heap / (n - exactDropped - nearDropped));
    if (exact.hashCode() == near.hashCode()) {
      System.out.println(); // keeps both critics (and their state) reachable until the GC above
    }
  }

  private static String word(Random rnd, int i) {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    StringBuilder b = new StringBuilder();
    int len = 3 + rnd.nextInt(6);
    for (int k = 0; k < len; k++) {
      b.append(letters.charAt(rnd.nextInt(letters.length())));
    }
    return b.append(i % 10).toString();
  }
}
