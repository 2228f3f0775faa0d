package org.distill4j.training.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Rationale;

/** Small corpora a tiny random BERT can learn in a few epochs: the answer carries a marker. */
final class EncoderCorpora {
  private static final String[] WORDS = {"apple", "river", "stone", "cloud", "horse"};
  private static final String[] NOUNS = {"film", "meal", "book", "trip", "song", "game"};

  private EncoderCorpora() {}

  /** Questions {@code from} to {@code to - 1}: three choices, the right one "is correct". */
  static Path choices(Path file, int from, int to) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (int q = from; q < to; q++) {
        List<String> choices = new ArrayList<>();
        int answer = q % 3;
        for (int c = 0; c < 3; c++) {
          choices.add(WORDS[(q + c) % WORDS.length] + (c == answer ? " is correct" : " is wrong"));
        }
        w.write(CorpusRecord.of(new Rationale("which one " + q, choices, List.of("Think."),
            choices.get(answer)), Provenance.imported("test")));
      }
    }
    return file;
  }

  /** {@code n} triples, every other one kept (a good tail) and the rest rejected (a bad one). */
  static Path validity(Path file, int n, int offset) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (int i = 0; i < n; i++) {
        boolean good = i % 2 == 0;
        String head = "PersonX enjoys the " + NOUNS[(i / 2 + offset) % NOUNS.length];
        CorpusRecord r = CorpusRecord.of(new CommonsenseTriple(head, "xReact",
            good ? "wonderful and good" : "awful and bad"), Provenance.imported("test"));
        w.write(r.withVerdict(good ? new Verdict.Kept("critic")
            : new Verdict.Rejected("critic", "nonsense")));
      }
    }
    return file;
  }
}
