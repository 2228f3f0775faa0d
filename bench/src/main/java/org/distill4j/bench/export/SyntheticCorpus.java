package org.distill4j.bench.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.QaPair;

/**
 * Generated records shaped like a filtered run: commonsense triples and QA pairs in turn, each
 * with full provenance (run, teacher, recipe with hash, request hash, sample index, time, seed,
 * sampling), two scores ({@code critic}, {@code judge}) and one kept verdict. Words are drawn
 * from a 5,000-word vocabulary; every value comes from one seeded {@link Random} in a fixed order,
 * so a seed gives the same corpus.
 */
final class SyntheticCorpus {
  private static final String[] RELATIONS = {"xIntent", "xNeed", "xAttr", "xEffect", "xReact",
      "xWant", "oEffect", "oReact", "oWant"};
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  private final Random rnd;
  private final String[] vocab = new String[5000];
  private final HexFormat hex = HexFormat.of();
  private long made;

  SyntheticCorpus(long seed) {
    this.rnd = new Random(seed);
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < vocab.length; i++) {
      StringBuilder w = new StringBuilder();
      for (int n = 3 + rnd.nextInt(6); n > 0; n--) {
        w.append(letters.charAt(rnd.nextInt(letters.length())));
      }
      vocab[i] = w.toString();
    }
  }

  /** The next {@code n} records. */
  List<CorpusRecord> batch(int n) {
    List<CorpusRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  private CorpusRecord next() {
    long i = made++;
    long seed = i / 4;
    Provenance p = Provenance.builder().runId("20261101-000000-3f2a9c1d")
        .teacherProvider("openai").teacherModel("gpt-4o-mini-2024-07-18")
        .recipeId(i % 2 == 0 ? "commonsense-atomic" : "qa-from-passage").recipeVersion("1")
        .recipeHash(i % 2 == 0 ? "9f1c0e7a" : "4b7d2e11").requestHash(hash())
        .sampleIndex((int) (i % 4)).createdAt(START.plusMillis(i * 37))
        .seedId("seeds.jsonl:" + seed + "#" + (i % 4))
        .sampling(new Sampling(4, 0.9, 0.95, 200, 17L)).build();
    CorpusRecord r = i % 2 == 0
        ? CorpusRecord.of(new CommonsenseTriple("PersonX " + words(3),
            RELATIONS[rnd.nextInt(RELATIONS.length)], words(3 + rnd.nextInt(5))), p)
        : CorpusRecord.of(new QaPair("What " + words(4 + rnd.nextInt(6)) + "?",
            words(2 + rnd.nextInt(8)), null), p);
    return r.withExternalId("row-" + seed)
        .withScore("critic", rnd.nextDouble())
        .withScore("judge", 1 + rnd.nextInt(5))
        .withVerdict(new Verdict.Kept("rules"));
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      b.append(k == 0 ? "" : " ").append(vocab[rnd.nextInt(vocab.length)]);
    }
    return b.toString();
  }

  private String hash() {
    byte[] bytes = new byte[32];
    rnd.nextBytes(bytes);
    return hex.formatHex(bytes);
  }
}
