package org.distill4j.training.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Knowledge;

/** Tiny corpora written by tests; no real data is copied. */
final class TinyCorpus {
  private TinyCorpus() {}

  static final String[] EVENTS = {
    "PersonX buys a car", "PersonX bakes bread", "PersonX reads a book", "PersonX goes running",
    "PersonX paints a wall", "PersonX plants a tree", "PersonX writes a letter",
    "PersonX feeds the cat"
  };
  static final String[] INTENTS = {
    "to drive", "to eat", "to learn", "to be fit", "to decorate", "to grow food",
    "to keep in touch", "to care for it"
  };

  /** Eight triples: event xIntent intent. */
  static List<Knowledge> triples() {
    List<Knowledge> out = new ArrayList<>();
    for (int i = 0; i < EVENTS.length; i++) {
      out.add(new CommonsenseTriple(EVENTS[i], "xIntent", INTENTS[i]));
    }
    return out;
  }

  static Path write(Path file, List<? extends Knowledge> items) throws IOException {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (Knowledge k : items) {
        w.write(CorpusRecord.of(k, Provenance.imported("test")));
      }
    }
    return file;
  }
}
