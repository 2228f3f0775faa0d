package org.distill4j.training.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.training.data.TrainingExample;
import org.junit.jupiter.api.Test;

class FactPrefixAugmenterTest {
  private static RetrievedFact fact(String id, String text) {
    return new RetrievedFact(id, text, 1.0, KnowledgeKind.TRIPLE, "xIntent");
  }

  @Test
  void prependsTopKAndSkipsTheExampleItself() {
    List<String> queries = new ArrayList<>();
    Retriever retriever = (query, k) -> {
      queries.add(query + "|" + k);
      return List.of(fact("self", "the answer itself"), fact("f1", "fact one"),
          fact("f2", "fact two"), fact("f3", "fact three")).subList(0, Math.min(4, k));
    };
    FactPrefixAugmenter augmenter = new FactPrefixAugmenter(retriever, 2);
    TrainingExample e = new TrainingExample("self", "PersonX eats xIntent", "to be full",
        List.of(), 1, true);
    TrainingExample out = augmenter.augment(e);
    assertThat(out.input()).isEqualTo("facts: fact one | fact two || PersonX eats xIntent");
    assertThat(out.target()).isEqualTo("to be full");
    assertThat(queries).containsExactly("PersonX eats xIntent|3");
  }

  @Test
  void leavesTheInputAloneWhenNothingIsFound() {
    FactPrefixAugmenter augmenter = new FactPrefixAugmenter((q, k) -> List.of(), 3);
    TrainingExample e = TrainingExample.of("question", "answer");
    assertThat(augmenter.augment(e)).isEqualTo(e);
  }
}
