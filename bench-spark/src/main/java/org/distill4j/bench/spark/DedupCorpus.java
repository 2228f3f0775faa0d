package org.distill4j.bench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.distill4j.bench.filtering.SyntheticTriples;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;

/**
 * The two ends of {@code bench-spark/scripts/near-dedup.sh}, which times {@code distill filter}
 * against {@code distill-spark dedup} on the same chain:
 *
 * <pre>
 * write N FILE      N synthetic triples (the dedup benchmark's corpus, seed 42) as JSON Lines
 * compare DIR DIR   the kept and rejected ids of two filter outputs: the same kept ids in the
 *                   same order and the same rejected set, or exit 1 naming the first difference
 * </pre>
 */
public final class DedupCorpus {
  private DedupCorpus() {}

  public static void main(String[] args) {
    if (args.length == 3 && args[0].equals("write")) {
      write(Integer.parseInt(args[1]), Path.of(args[2]));
    } else if (args.length == 3 && args[0].equals("compare")) {
      System.exit(compare(Path.of(args[1]), Path.of(args[2])) ? 0 : 1);
    } else {
      System.err.println("usage: DedupCorpus write N FILE | compare DIR DIR");
      System.exit(2);
    }
  }

  private static void write(int n, Path file) {
    SyntheticTriples corpus = new SyntheticTriples(new Random(42));
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (int made = 0; made < n; made += 10_000) {
        corpus.batch(Math.min(10_000, n - made)).forEach(w::write);
      }
    }
    System.out.printf(Locale.ROOT, "wrote %d records to %s%n", n, file);
  }

  private static boolean compare(Path a, Path b) {
    List<String> keptA = ids(a.resolve("kept.jsonl"));
    List<String> keptB = ids(b.resolve("kept.jsonl"));
    Set<String> rejectedA = new HashSet<>(ids(a.resolve("rejected.jsonl")));
    Set<String> rejectedB = new HashSet<>(ids(b.resolve("rejected.jsonl")));
    System.out.printf(Locale.ROOT, "kept %d / %d, rejected %d / %d%n", keptA.size(),
        keptB.size(), rejectedA.size(), rejectedB.size());
    for (int i = 0; i < Math.min(keptA.size(), keptB.size()); i++) {
      if (!keptA.get(i).equals(keptB.get(i))) {
        System.out.printf(Locale.ROOT, "kept records differ at #%d: %s / %s%n", i + 1,
            keptA.get(i), keptB.get(i));
        return false;
      }
    }
    boolean same = keptA.size() == keptB.size() && rejectedA.equals(rejectedB);
    System.out.println(same ? "same kept ids in the same order, same rejected ids"
        : "the outputs differ");
    return same;
  }

  /** The ids of a corpus file's records (a rejected line holds its record the same way). */
  private static List<String> ids(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).map(CorpusRecord::id).toList();
    }
  }
}
