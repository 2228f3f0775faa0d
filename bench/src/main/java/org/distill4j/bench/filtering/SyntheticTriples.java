package org.distill4j.bench.filtering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;

/**
 * The synthetic corpus of {@link DedupBenchmark}: tails of 3-8 words from a 5,000-word vocabulary
 * over 2,000 heads and 9 relations; 15 % exact repeats (other case and punctuation) and 10 % near
 * repeats (one word of a tail of 6 or more words changed) of earlier fresh triples, drawn from a
 * pool of at most 10,000 of them.
 *
 * <p>Every number comes from the one {@link Random}, in a fixed order, so that a seed gives the
 * same corpus, and the same counts, as the figures quoted in BENCHMARKS.md.
 */
public final class SyntheticTriples {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private static final String[] RELATIONS = {"xIntent", "xNeed", "xAttr", "xEffect", "xReact",
      "xWant", "oEffect", "oReact", "oWant"};
  private static final int RECENT = 10_000;

  private final Random rnd;
  private final String[] vocab = new String[5000];
  private final String[] heads = new String[2000];
  private final List<String[]> recent = new ArrayList<>();

  public SyntheticTriples(Random rnd) {
    this.rnd = rnd;
    for (int i = 0; i < vocab.length; i++) {
      vocab[i] = word(i);
    }
    for (int i = 0; i < heads.length; i++) {
      heads[i] = "PersonX " + randomWord() + "s " + randomWord();
    }
  }

  /** The next {@code size} triples as records (their SHA-256 content ids computed here). */
  public List<CorpusRecord> batch(int size) {
    List<CorpusRecord> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String[] t = next();
      batch.add(CorpusRecord.of(new CommonsenseTriple(t[0], t[1], t[2]), Provenance.unknown()));
    }
    return batch;
  }

  private String[] next() {
    double u = rnd.nextDouble();
    if (u < 0.15 && !recent.isEmpty()) {
      String[] o = randomRecent();
      return new String[] {o[0], o[1], o[2].toUpperCase(Locale.ROOT) + "."};
    } else if (u < 0.25 && !recent.isEmpty()) {
      String[] o = randomRecent();
      String[] w = o[2].split(" ");
      if (w.length >= 6) {
        w[w.length - 1] = randomWord();
      }
      return new String[] {o[0], o[1], String.join(" ", w)};
    }
    return fresh();
  }

  private String[] fresh() {
    int len = 3 + rnd.nextInt(6);
    StringBuilder tail = new StringBuilder();
    for (int w = 0; w < len; w++) {
      tail.append(w == 0 ? "" : " ").append(randomWord());
    }
    String head = heads[rnd.nextInt(heads.length)];
    String relation = RELATIONS[rnd.nextInt(RELATIONS.length)];
    String[] t = {head, relation, tail.toString()};
    // A bounded pool, so that the heap figure stays about the dedup state, not the generator.
    if (recent.size() < RECENT) {
      recent.add(t);
    } else {
      recent.set(rnd.nextInt(recent.size()), t);
    }
    return t;
  }

  private String[] randomRecent() {
    return recent.get(rnd.nextInt(recent.size()));
  }

  private String randomWord() {
    return vocab[rnd.nextInt(vocab.length)];
  }

  private String word(int i) {
    StringBuilder b = new StringBuilder();
    int len = 3 + rnd.nextInt(6);
    for (int k = 0; k < len; k++) {
      b.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
    }
    return b.append(i % 10).toString();
  }
}
