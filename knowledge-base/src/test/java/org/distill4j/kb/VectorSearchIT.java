package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.neural.MiniLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 model on a few dozen texts. */
class VectorSearchIT {
  private static final TextEmbedder MODEL = MiniLm.embedder();
  private static final AtomicInteger EMBEDDED = new AtomicInteger();
  private static final TextEmbedder COUNTING = texts -> {
    EMBEDDED.addAndGet(texts.size());
    return MODEL.embed(texts);
  };

  @TempDir static Path tmp;

  static List<CorpusRecord> corpus() {
    List<CorpusRecord> out = new ArrayList<>(Fixtures.records(40));
    out.add(CorpusRecord.of(new QaPair("Why do cats purr?",
        "Cats purr when they are content or want to soothe themselves", null),
        Provenance.imported("hand")));
    out.add(CorpusRecord.of(new CommonsenseTriple("PersonX feeds the kitten", "xIntent",
        "to care for a small pet"), Provenance.imported("hand")));
    return out;
  }

  @BeforeAll
  static void warm() {
    assertThat(MODEL.embed(List.of("warm up")).get(0)).hasSize(MiniLm.DIMENSION);
  }

  @Test
  void vectorAndHybridSearchFindMeaningNotJustWords() {
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb1"), COUNTING)) {
      kb.ingest(corpus(), true);
      assertThat(kb.stats().vectors()).isEqualTo(42);
      // No query word occurs in the cat records; only meaning connects them.
      List<SearchHit> vector =
          kb.search(SearchRequest.of("feline animals", SearchMode.VECTOR, 3));
      assertThat(vector).extracting(h -> h.record().knowledge().text())
          .anySatisfy(t -> assertThat(t).containsAnyOf("Cats", "kitten"));
      List<SearchHit> hybrid = kb.search(SearchRequest.of("kitten pet", SearchMode.HYBRID, 3));
      assertThat(hybrid.get(0).record().knowledge().text()).contains("kitten");
      assertThat(hybrid).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
      List<RetrievedFact> facts = kb.retriever(SearchMode.HYBRID).retrieve("why do cats purr", 2);
      assertThat(facts.get(0).text()).contains("purr");
    }
  }

  @Test
  void reingestNeverEmbedsAgain() {
    List<CorpusRecord> records = corpus();
    Path dir = tmp.resolve("kb2");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, COUNTING)) {
      int before = EMBEDDED.get();
      kb.ingest(records, true);
      assertThat(EMBEDDED.get() - before).isEqualTo(42);
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, COUNTING)) {
      int before = EMBEDDED.get();
      // Same texts with new scores: every record is rewritten, no text is embedded again.
      IngestReport r = kb.ingest(records.stream().map(x -> x.withScore("recheck", 0.5)).toList(),
          true);
      assertThat(r.updated()).isEqualTo(42);
      assertThat(EMBEDDED.get() - before).isZero();
      assertThat(kb.stats().vectors()).isEqualTo(42);
      assertThat(kb.check(false).consistent()).isTrue();
    }
  }

  @Test
  void aKeywordOnlyStoreGetsItsVectorsWhenIngestedAgainWithVectors() {
    List<CorpusRecord> records = corpus();
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb3"), COUNTING)) {
      kb.ingest(records, false);
      assertThat(kb.stats().vectors()).isZero();
      long seq = kb.store().batchSeq();

      IngestReport r = kb.ingest(records, true);
      assertThat(r.unchanged()).isEqualTo(42);
      assertThat(r.vectorsAdded()).isEqualTo(42);
      assertThat(kb.store().batchSeq()).as("the store is not rewritten").isEqualTo(seq);
      assertThat(kb.stats().vectors()).isEqualTo(42);
      assertThat(kb.search(SearchRequest.of("feline animals", SearchMode.VECTOR, 3)))
          .extracting(h -> h.record().knowledge().text())
          .anySatisfy(t -> assertThat(t).containsAnyOf("Cats", "kitten"));
      assertThat(kb.check(false).consistent()).isTrue();

      assertThat(kb.ingest(records, true).vectorsAdded()).as("nothing left to add").isZero();
    }
  }
}
