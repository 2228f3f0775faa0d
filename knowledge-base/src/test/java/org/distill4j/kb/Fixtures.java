package org.distill4j.kb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/** Small corpora of all four kinds, written by hand so tests know what to expect. */
public final class Fixtures {
  private Fixtures() {}

  public static final List<String> EVENTS = List.of(
      "PersonX pays the bill", "PersonX adopts a dog", "PersonX bakes bread",
      "PersonX plants a tree", "PersonX repairs the bicycle", "PersonX writes a letter",
      "PersonX climbs the mountain", "PersonX learns to swim", "PersonX paints the fence",
      "PersonX cooks dinner for friends");
  public static final List<String> TAILS = List.of(
      "to be generous", "to have a companion", "to eat fresh food", "to help nature",
      "to ride to work", "to stay in touch", "to reach the summit", "to be safe in water",
      "to make the house pretty", "to share a meal");
  static final List<String> RELATIONS = List.of("xIntent", "xNeed", "xWant", "xEffect");

  static Provenance teacher(int i) {
    return Provenance.builder().runId("run-1").teacherProvider("ollama").teacherModel("llama3")
        .recipeId("atomic-triples").recipeVersion("1").sampleIndex(i % 3)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  /** {@code n} distinct records: mostly triples, with a few of every other kind. */
  public static List<CorpusRecord> records(int n) {
    List<CorpusRecord> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      int kind = i % 10;
      CorpusRecord r;
      if (kind == 7) {
        r = CorpusRecord.of(new QaPair("What does PersonX need before event " + i + "?",
            "Some preparation number " + i, null), teacher(i));
      } else if (kind == 8) {
        r = CorpusRecord.of(new Rationale("Is " + i + " even?", List.of("yes", "no"),
            List.of(i + " divided by 2 leaves " + (i % 2), "a remainder of 0 means even"),
            i % 2 == 0 ? "yes" : "no"), teacher(i));
      } else if (kind == 9) {
        r = CorpusRecord.of(new Comparative("steel " + i, "heavier", "styrofoam " + i, null,
            null), teacher(i));
      } else {
        String event = EVENTS.get(i % EVENTS.size()) + (i >= EVENTS.size() ? " #" + i : "");
        r = CorpusRecord.of(new CommonsenseTriple(event, RELATIONS.get(i % RELATIONS.size()),
            TAILS.get(i % TAILS.size())), teacher(i));
      }
      r = r.withScore("critic", (i % 10) / 10.0).withVerdict(new Verdict.Kept("rules"));
      out.add(r);
    }
    return out;
  }

  /** Writes records as a JSON Lines corpus file. */
  public static Path write(Path file, List<CorpusRecord> records) throws IOException {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      records.forEach(w::write);
    }
    return file;
  }
}
