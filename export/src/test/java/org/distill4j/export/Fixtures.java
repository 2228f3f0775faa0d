package org.distill4j.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/** Small corpora written as real JSON Lines files, the way generation and filtering write them. */
final class Fixtures {
  static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");

  private Fixtures() {}

  /** A generated triple with every provenance field, two scores, two verdicts and a user id. */
  static CorpusRecord generatedTriple() {
    Provenance p = Provenance.builder().runId("run-1").teacherProvider("openai")
        .teacherModel("gpt-4o-mini").recipeId("commonsense-atomic").recipeVersion("1")
        .recipeHash("ab12").requestHash("cd34").sampleIndex(2).createdAt(CREATED)
        .seedId("seeds.jsonl:3#1").sampling(new Sampling(1, 0.9, 0.95, 200, 17L)).build();
    return CorpusRecord.of(new CommonsenseTriple("PersonX pays the bill", "xIntent",
            "to be generous"), p)
        .withExternalId("row-17")
        .withScore("critic", 0.83)
        .withScore("judge score", 4.0)
        .withVerdict(new Verdict.Kept("rules"))
        .withVerdict(new Verdict.Kept("near-dedup"));
  }

  /** An imported triple with non-ASCII text, no scores, rejected by one filter. */
  static CorpusRecord importedTriple() {
    return CorpusRecord.of(new CommonsenseTriple("PersonX mange une crème brûlée 🍮", "xReact",
            "satisfait — ravi"), Provenance.imported("atomic2019"))
        .withVerdict(new Verdict.Kept("rules"))
        .withVerdict(new Verdict.Rejected("near-dedup", "near duplicate of 3f2a (jaccard 0.91)"));
  }

  static CorpusRecord qa(String question, String context) {
    return CorpusRecord.of(new QaPair(question, "Ann", context), Provenance.imported("t"));
  }

  static CorpusRecord rationale() {
    return CorpusRecord.of(new Rationale("Where is ink kept?", List.of("pen", "sky"),
        List.of("Ink is in pens.", "Pens hold it."), "pen"), Provenance.imported("t"))
        .withExternalId("q-1");
  }

  static CorpusRecord openRationale() {
    return CorpusRecord.of(new Rationale("What is 2+3?", List.of(), List.of("2+3=5."), "5"),
        Provenance.imported("t"));
  }

  static CorpusRecord comparative() {
    return CorpusRecord.of(new Comparative("steel", "heavier", "foam",
        Comparative.Polarity.NEGATED, null), Provenance.imported("t"));
  }

  /** Writes {@code records} as a corpus file. */
  static Path corpus(Path file, CorpusRecord... records) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (CorpusRecord r : records) {
        w.write(r);
      }
    }
    return file;
  }
}
