package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.kb.export.ExportFormat;
import org.distill4j.kb.export.KnowledgeExporter;
import org.distill4j.kb.ingest.CheckReport;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KbStats;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.SparqlRows;
import org.distill4j.kb.ingest.RecordViolation;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.kb.store.IndexJournal;
import org.distill4j.kb.store.Tdb2KnowledgeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TDB2 store and Lucene index in a temp folder, keyword-only (no model needed). */
class KnowledgeBaseIT {
  @TempDir Path tmp;

  private static Embedder noModel() {
    return texts -> {
      throw new AssertionError("no embedding expected in a keyword-only test");
    };
  }

  private interface Embedder extends org.distill4j.core.embed.TextEmbedder {}

  private static IngestSettings settings(List<RecordViolation> sink, int batch) {
    return new IngestSettings(batch, false, sink::add);
  }

  @Test
  void ingestTwiceLeavesBothStoresAsTheyWere() throws Exception {
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), Fixtures.records(120));
    Path dir = tmp.resolve("kb");
    List<RecordViolation> violations = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      IngestReport first = kb.ingestFiles(List.of(corpus), settings(violations, 50));
      assertThat(first.added()).isEqualTo(120);
      assertThat(first.batches()).isEqualTo(3);
      KbStats s1 = kb.stats();
      assertThat(s1.records()).isEqualTo(120);
      assertThat(s1.indexDocuments()).isEqualTo(120);
      assertThat(s1.byKind()).containsEntry("qa", 12L).containsEntry("triple", 84L);
      long seq = kb.store().batchSeq();
      Path nt1 = tmp.resolve("a.nt");
      Path js1 = tmp.resolve("a.jsonl");
      new KnowledgeExporter(kb.store()).export(ExportFormat.NT, nt1);
      new KnowledgeExporter(kb.store()).export(ExportFormat.JSONL, js1);

      IngestReport second = kb.ingestFiles(List.of(corpus), settings(violations, 50));
      assertThat(second.unchanged()).isEqualTo(120);
      assertThat(second.added() + second.updated()).isZero();
      assertThat(kb.store().batchSeq()).as("nothing written").isEqualTo(seq);
      KbStats s2 = kb.stats();
      assertThat(s2.records()).isEqualTo(s1.records());
      assertThat(s2.triples()).isEqualTo(s1.triples());
      assertThat(s2.indexDocuments()).isEqualTo(s1.indexDocuments());
      Path nt2 = tmp.resolve("b.nt");
      Path js2 = tmp.resolve("b.jsonl");
      new KnowledgeExporter(kb.store()).export(ExportFormat.NT, nt2);
      new KnowledgeExporter(kb.store()).export(ExportFormat.JSONL, js2);
      assertThat(new HashSet<>(Files.readAllLines(nt2)))
          .isEqualTo(new HashSet<>(Files.readAllLines(nt1)));
      assertThat(Files.readAllLines(js2)).isEqualTo(Files.readAllLines(js1));
      assertThat(kb.check(false).consistent()).isTrue();
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void changedScoreUpdatesTheRecordInBothStores() {
    List<CorpusRecord> records = Fixtures.records(10);
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      kb.ingest(records, false);
      CorpusRecord changed = records.get(0).withScore("critic", 0.99);
      IngestReport r = kb.ingest(List.of(changed), false);
      assertThat(r.updated()).isEqualTo(1);
      assertThat(kb.get(changed.id())).contains(changed);
      List<SearchHit> hits = kb.search(new SearchRequest("pays the bill", SearchMode.BM25, 5,
          null, null, "critic", 0.95));
      assertThat(hits).extracting(h -> h.record().id()).containsExactly(changed.id());
      assertThat(kb.stats().records()).isEqualTo(10);
    }
  }

  @Test
  void keywordSearchFiltersByKindRelationAndScore() {
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      kb.ingest(Fixtures.records(100), false);
      List<SearchHit> all = kb.search(SearchRequest.of("dog companion", SearchMode.BM25, 5));
      assertThat(all).isNotEmpty();
      assertThat(all.get(0).record().knowledge().text()).contains("dog");

      List<SearchHit> xneed = kb.search(new SearchRequest("PersonX", SearchMode.BM25, 50,
          KnowledgeKind.TRIPLE, "xNeed", null, null));
      assertThat(xneed).isNotEmpty().allSatisfy(h ->
          assertThat(h.record().knowledge().relation()).isEqualTo("xNeed"));

      List<SearchHit> qa = kb.search(new SearchRequest("PersonX need", SearchMode.BM25, 50,
          KnowledgeKind.QA, null, null, null));
      assertThat(qa).hasSize(10).allSatisfy(h ->
          assertThat(h.record().knowledge().kind()).isEqualTo(KnowledgeKind.QA));

      List<SearchHit> good = kb.search(new SearchRequest("PersonX", SearchMode.BM25, 100,
          null, null, "critic", 0.55));
      assertThat(good).isNotEmpty().allSatisfy(h ->
          assertThat(h.record().scores().get("critic")).isGreaterThanOrEqualTo(0.55));

      List<RetrievedFact> facts = kb.retriever().retrieve("bake bread", 3);
      assertThat(facts).hasSizeLessThanOrEqualTo(3).isNotEmpty();
      assertThat(facts.get(0).text()).containsIgnoringCase("bread");
      assertThat(facts.get(0).kind()).isEqualTo(KnowledgeKind.TRIPLE);
      assertThatThrownBy(() -> kb.retriever(SearchMode.BM25).retrieve("x", 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> kb.search(SearchRequest.of("dog", SearchMode.VECTOR, 3)))
          .isInstanceOf(SettingException.class).hasMessageContaining("has no vectors")
          .extracting(e -> ((SettingException) e).setting()).isEqualTo("vectors");
    }
  }

  @Test
  void selectAnswersSparqlWithRowsOfTheStoredRecords() {
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      kb.ingest(Fixtures.records(40), false);
      SparqlRows byRelation = kb.select("PREFIX kd: <https://w3id.org/distill4j/kd#>\n"
          + "SELECT ?rel (COUNT(?r) AS ?n) WHERE { ?r a kd:CommonsenseTriple ; kd:relation ?rel }"
          + " GROUP BY ?rel ORDER BY ?rel");

      // 40 records: 28 triples (i % 10 < 7) over four relations by i % 4.
      assertThat(byRelation.variables()).containsExactly("rel", "n");
      assertThat(byRelation.rows()).extracting(r -> r.get("rel")).containsExactly(
          "xEffect", "xIntent", "xNeed", "xWant");
      assertThat(byRelation.rows().stream().mapToLong(r -> Long.parseLong(r.get("n"))).sum())
          .isEqualTo(28);
      assertThatThrownBy(() -> kb.select("SELECT * WHERE {\n ?s ?p "))
          .isInstanceOf(InputException.class).hasMessageStartingWith("query:2:");
    }
  }

  @Test
  void shapeViolationsAreReportedPerRecordAndTheRestIsStored() {
    List<CorpusRecord> records = new ArrayList<>(Fixtures.records(5));
    CorpusRecord infinite = CorpusRecord.of(
        new CommonsenseTriple("PersonX runs", "xIntent", "to win"), Provenance.imported("t"))
        .withScore("critic", Double.POSITIVE_INFINITY);
    CorpusRecord huge = CorpusRecord.of(
        new CommonsenseTriple("PersonX " + "talks ".repeat(500), "xIntent", "to be heard"),
        Provenance.imported("t"));
    records.add(2, infinite);
    records.add(huge);
    List<RecordViolation> violations = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      IngestReport r = kb.ingest(records.stream(), settings(violations, 100));
      assertThat(r.rejected()).isEqualTo(2);
      assertThat(r.added()).isEqualTo(5);
      assertThat(kb.stats().records()).isEqualTo(5);
      assertThat(kb.stats().indexDocuments()).isEqualTo(5);
    }
    assertThat(violations).extracting(RecordViolation::id)
        .containsExactlyInAnyOrder(infinite.id(), huge.id());
    RecordViolation inf = violations.stream().filter(v -> v.id().equals(infinite.id()))
        .findFirst().orElseThrow();
    assertThat(inf.origin()).isEqualTo("record 3");
    assertThat(String.join(" ", inf.problems())).contains("scoreValue");
    RecordViolation big = violations.stream().filter(v -> v.id().equals(huge.id()))
        .findFirst().orElseThrow();
    assertThat(String.join(" ", big.problems())).contains("head");
  }

  @Test
  void badLinesGoToViolationsWithFileAndLine() throws Exception {
    Path corpus = Fixtures.write(tmp.resolve("c.jsonl"), Fixtures.records(3));
    Files.writeString(corpus, "{\"knowledge\": {\"kind\": \"triple\"}}\n",
        java.nio.file.StandardOpenOption.APPEND);
    List<RecordViolation> violations = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      IngestReport r = kb.ingestFiles(List.of(corpus), settings(violations, 10));
      assertThat(r.read()).isEqualTo(4);
      assertThat(r.added()).isEqualTo(3);
      assertThat(r.rejected()).isEqualTo(1);
    }
    assertThat(violations).singleElement()
        .satisfies(v -> assertThat(v.origin()).endsWith("c.jsonl:4"));
  }

  @Test
  void countsStayEqualAfterARandomMixOfAddsAndDeletes() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<CorpusRecord> pool = Fixtures.records(200);
    Set<String> expected = new HashSet<>();
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      for (int round = 0; round < 15; round++) {
        if (random.nextInt(3) == 0) {
          List<String> gone = new ArrayList<>();
          for (int i = 0; i < 1 + random.nextInt(20); i++) {
            gone.add(pool.get(random.nextInt(pool.size())).id());
          }
          kb.delete(gone);
          expected.removeAll(gone);
        } else {
          List<CorpusRecord> add = new ArrayList<>();
          for (int i = 0; i < 1 + random.nextInt(30); i++) {
            add.add(pool.get(random.nextInt(pool.size())));
          }
          kb.ingest(add.stream(), new IngestSettings(3 + random.nextInt(15), false, v -> {}));
          add.forEach(r -> expected.add(r.id()));
        }
        KbStats s = kb.stats();
        assertThat(s.records()).as("seed %d round %d", seed, round).isEqualTo(expected.size());
        assertThat(s.indexDocuments()).as("seed %d round %d", seed, round)
            .isEqualTo(expected.size());
      }
      assertThat(kb.check(false).consistent()).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void manyThreadsIngestAtOnceWithoutTransactionErrors() throws Exception {
    List<CorpusRecord> pool = Fixtures.records(160);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      List<Future<IngestReport>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<CorpusRecord> slice = pool.subList(t * 20, t * 20 + 40 > 160 ? 160 : t * 20 + 40);
        futures.add(threads.submit(() ->
            kb.ingest(slice.stream(), new IngestSettings(13, false, v -> {}))));
        futures.add(threads.submit(() ->
            kb.search(SearchRequest.of("PersonX", SearchMode.BM25, 5)).size() >= 0
                ? IngestReport.empty() : null));
      }
      for (Future<IngestReport> f : futures) {
        f.get();
      }
      assertThat(kb.stats().records()).isEqualTo(160);
      assertThat(kb.check(false).consistent()).isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void indexCatchesUpWithStoreBatchesItNeverCommitted() {
    Path dir = tmp.resolve("kb");
    List<CorpusRecord> records = Fixtures.records(30);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      kb.ingest(records.subList(0, 10), false);
    }
    // What a kill between the store commit and the index commit leaves behind: a store batch
    // the index has not seen.
    // (the journal is written first, exactly as an ingest does).
    try (Tdb2KnowledgeStore store = Tdb2KnowledgeStore.open(dir.resolve("tdb2"));
        IndexJournal journal = IndexJournal.open(dir.resolve("index-journal.log"))) {
      List<Tdb2KnowledgeStore.StoredRecord> puts = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (CorpusRecord r : records.subList(10, 30)) {
        String json = org.distill4j.core.io.CorpusJson.json().valueToTree(r).toString();
        puts.add(new Tdb2KnowledgeStore.StoredRecord(r.id(), json,
            org.distill4j.kb.store.RecordGraph.triples(r, json), false));
        ids.add(r.id());
      }
      ids.add(records.get(0).id());
      journal.append(store.batchSeq() + 1, ids);
      store.write(puts, List.of(records.get(0).id()));
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      assertThat(kb.stats().records()).isEqualTo(29);
      assertThat(kb.stats().indexDocuments()).isEqualTo(29);
      CheckReport check = kb.check(false);
      assertThat(check.consistent()).as(check.toString()).isTrue();
    }
  }

  @Test
  void checkFindsAndRepairsADamagedIndex() throws Exception {
    Path dir = tmp.resolve("kb");
    List<CorpusRecord> records = Fixtures.records(20);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      kb.ingest(records, false);
    }
    try (org.distill4j.kb.index.LuceneIndex index =
        org.distill4j.kb.index.LuceneIndex.open(dir.resolve("lucene"))) {
      index.delete(records.get(3).id());
      index.put(new org.distill4j.kb.index.IndexEntry("0".repeat(32), "triple", "xIntent",
          "an orphan", java.util.Map.of(), "{}", null));
      index.commit(index.committedBatch());
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      CheckReport before = kb.check(false);
      assertThat(before.missing()).containsExactly(records.get(3).id());
      assertThat(before.orphans()).containsExactly("0".repeat(32));
      assertThat(kb.check(true).repaired()).isTrue();
      assertThat(kb.check(false).consistent()).isTrue();
      assertThat(kb.stats().indexDocuments()).isEqualTo(20);
    }
  }

  @Test
  void aSecondOpenOfTheSameFolderFailsAndSaysWhatToDo() {
    Path dir = tmp.resolve("kb");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      kb.ingest(Fixtures.records(5), false);
      assertThatThrownBy(() -> KnowledgeBase.open(dir, noModel()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already open").hasMessageContaining("close that and retry");
      // The failed open left the first one working.
      kb.ingest(Fixtures.records(8), false);
      assertThat(kb.stats().records()).isEqualTo(8);
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      assertThat(kb.stats().records()).isEqualTo(8);
    }
  }

  @Test
  void anIndexAheadOfTheStoreIsRebuiltFromTheStoreOnOpen() {
    Path dir = tmp.resolve("kb");
    List<CorpusRecord> records = Fixtures.records(12);
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      kb.ingest(records.subList(0, 10), false);
    }
    // As after restoring an older store from a backup beside a newer index.
    try (org.distill4j.kb.index.LuceneIndex index =
        org.distill4j.kb.index.LuceneIndex.open(dir.resolve("lucene"))) {
      index.put(new org.distill4j.kb.index.IndexEntry("f".repeat(32), "triple", "xIntent",
          "not in the store", java.util.Map.of(), "{}", null));
      index.commit(999);
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir, noModel())) {
      assertThat(kb.check(false).consistent()).isTrue();
      kb.ingest(records, false);
      assertThat(kb.stats().indexDocuments()).isEqualTo(12);
      assertThat(kb.check(false).consistent()).isTrue();
    }
  }

  @Test
  void compactionKeepsEveryRecord() {
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), noModel())) {
      List<CorpusRecord> records = Fixtures.records(50);
      kb.ingest(records, false);
      for (int round = 0; round < 3; round++) {
        int r = round;
        kb.ingest(records.stream().map(x -> x.withScore("round", r)).toList(), false);
      }
      long before = kb.stats().storeBytes();
      kb.compact();
      KbStats after = kb.stats();
      assertThat(after.records()).isEqualTo(50);
      assertThat(after.storeBytes()).isPositive().isLessThanOrEqualTo(before);
      assertThat(kb.check(false).consistent()).isTrue();
    }
  }
}
