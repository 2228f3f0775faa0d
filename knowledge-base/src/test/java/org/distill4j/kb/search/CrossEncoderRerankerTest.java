package org.distill4j.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.testing.TinyBert;
import org.distill4j.neural.tune.ClassificationTask;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cross-encoder trained to like passages about barking re-orders a first stage's hits. */
class CrossEncoderRerankerTest {
  @TempDir static Path dir;
  static Path model;

  static final List<String> TAILS = List.of("to sleep all day", "to bark at the mailman",
      "to eat dinner", "to bark loudly at night", "to read a book", "to go outside");

  @BeforeAll
  static void trainTinyReranker() throws Exception {
    Path base = TinyBert.write(dir.resolve("base"), 1, 0.0);
    List<LabelledText> pairs = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      String tail = TAILS.get(i % TAILS.size());
      pairs.add(new LabelledText(new TextPair("what does the dog want " + i, "dog wants " + tail),
          tail.contains("bark") ? 1 : 0));
    }
    model = dir.resolve("reranker");
    try (BertClassifier reranker = BertClassifier.create(base, BertHead.reranker(), null, 32,
        3)) {
      new FineTuner<>(reranker, new ClassificationTask(null, 16),
          new TuneSettings(8, 8, 1, 3e-3, 0.0, 0.1, 1.0, 0, 3), TuneListener.silent())
          .run(pairs, List.of(), null);
      reranker.save(model);
    }
  }

  static CorpusRecord triple(String tail) {
    return CorpusRecord.of(new CommonsenseTriple("PersonX has a dog", "xWant", tail),
        Provenance.builder().runId("r").teacherProvider("ollama").teacherModel("m")
            .recipeId("atomic-triples").recipeVersion("1").sampleIndex(0)
            .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build());
  }

  @Test
  void theModelsFavouritesComeFirstAndTheListIsCutToK() throws Exception {
    List<SearchHit> firstStage = new ArrayList<>();
    for (int i = 0; i < TAILS.size(); i++) {
      // The first stage ranks the barking passages low.
      firstStage.add(new SearchHit(triple(TAILS.get(i)), 10.0 - (TAILS.get(i).contains("bark")
          ? 5 + i : i)));
    }
    try (BertClassifier reranker = BertClassifier.load(model, 32)) {
      List<SearchHit> top = new CrossEncoderReranker(reranker)
          .rerank("what does the dog want", firstStage, 2);
      assertThat(top).hasSize(2);
      assertThat(top).allMatch(h -> h.record().knowledge().text().contains("bark"));
      assertThat(top.get(0).score()).isGreaterThanOrEqualTo(top.get(1).score());
      float[][] logits = reranker.logits(List.of(new TextPair("what does the dog want",
          top.get(0).record().knowledge().text())), 1);
      assertThat(top.get(0).score()).isEqualTo((double) logits[0][0]);
    }
  }

  @Test
  void asARetrieverItAsksForMoreCandidatesThanItKeeps() throws Exception {
    List<Integer> asked = new ArrayList<>();
    try (BertClassifier reranker = BertClassifier.load(model, 32)) {
      var retriever = new CrossEncoderReranker(reranker).over((query, k) -> {
        asked.add(k);
        List<RetrievedFact> facts = new ArrayList<>();
        for (String tail : TAILS) {
          facts.add(triple(tail).knowledge().text().isBlank() ? null
              : new SearchHit(triple(tail), 1.0).toFact());
        }
        return facts.subList(0, Math.min(k, facts.size()));
      }, 6);
      List<RetrievedFact> facts = retriever.retrieve("what does the dog want", 1);
      assertThat(asked).containsExactly(6);
      assertThat(facts).singleElement().satisfies(f -> assertThat(f.text()).contains("bark"));
    }
  }

  @Test
  void aModelWithManyClassesIsRefused() throws Exception {
    Path base = TinyBert.write(dir.resolve("base3"), 2, 0.0);
    try (BertClassifier three = BertClassifier.create(base,
        new BertHead(BertHead.Kind.SEQUENCE_CLASSIFICATION, List.of("a", "b", "c")), null, 32,
        1)) {
      assertThatThrownBy(() -> new CrossEncoderReranker(three))
          .hasMessageContaining("one relevance output or two classes");
    }
  }
}
