package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ChoiceQuestion;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.distill4j.neural.testing.TinyBert;

/** Facts are retrieved per (question, choice) and given as the pair's second segment. */
class EncoderInputsTest {
  @TempDir Path dir;

  private static RetrievedFact fact(String id, String text) {
    return new RetrievedFact(id, text, 1.0, KnowledgeKind.TRIPLE, "xIntent");
  }

  private StudentConfig config(String... more) throws Exception {
    return StudentConfig.read(Files.writeString(dir.resolve("e.yaml"), String.join("\n",
        "student: encoder", "base: base", "train: train.jsonl", "out: run", "") + String.join(
        "\n", more) + "\n"));
  }

  /** Facts that echo the query, after the asking record itself (which must be left out). */
  private static RetrieverSource echoing(List<String> queries) {
    return settings -> (query, k) -> {
      queries.add(query + "|" + k);
      return List.of(fact("own", "its own answer"), fact("a", "about " + query),
          fact("b", "more on " + query)).subList(0, Math.min(3, k));
    };
  }

  @Test
  void withoutRetrievalQuestionAndChoiceAreTheTwoSegments() throws Exception {
    EncoderInputs inputs = EncoderInputs.of(config(), RetrieverSource.none());
    TrainingExample e = new TrainingExample("own", "where do fish live", "river",
        List.of("desert", "river"), 1, true);
    ChoiceQuestion q = inputs.questions(List.of(e)).get(0);
    assertThat(q.choices()).containsExactly(new TextPair("where do fish live", "desert"),
        new TextPair("where do fish live", "river"));
    assertThat(q.answer()).isEqualTo(1);
    assertThat(inputs.retrieves()).isFalse();
  }

  @Test
  void eachChoiceGetsTheFactsRetrievedForItAfterQuestionAndChoice() throws Exception {
    List<String> queries = new ArrayList<>();
    EncoderInputs inputs = EncoderInputs.of(config("retrieval: {kb: kb, k: 2}"),
        echoing(queries));
    TrainingExample e = new TrainingExample("own", "where do fish live", "river",
        List.of("desert", "river"), 1, true);
    ChoiceQuestion q = inputs.questions(List.of(e)).get(0);
    assertThat(queries).containsExactly("where do fish live desert|3",
        "where do fish live river|3");
    assertThat(q.choices().get(1)).isEqualTo(new TextPair("where do fish live river",
        "about where do fish live river | more on where do fish live river"));
    assertThat(inputs.withoutFacts().questions(List.of(e)).get(0).choices())
        .containsExactly(TextPair.of("where do fish live desert"),
            TextPair.of("where do fish live river"));

    TrainingExample rejected = new TrainingExample("t", "PersonX sleeps xIntent", "a wet sock",
        List.of(), 1, false);
    LabelledText l = inputs.labelled(List.of(rejected)).get(0);
    assertThat(l.label()).isZero();
    assertThat(l.text().first()).isEqualTo("PersonX sleeps xIntent a wet sock");
  }

  @Test
  void aStudentTrainedWithFactsIsScoredWithAndWithoutThem() throws Exception {
    Path base = TinyBert.write(dir.resolve("base"), 3, 0.0);
    EncoderCorpora.choices(dir.resolve("train.jsonl"), 0, 12);
    Path dev = EncoderCorpora.choices(dir.resolve("dev.jsonl"), 12, 15);
    StudentConfig config = config("dev: dev.jsonl", "epochs: 1", "batch_size: 6",
        "encoder: {max_tokens: 32}", "retrieval: {kb: kb, k: 2}");
    List<String> queries = new ArrayList<>();
    RunReport report = EncoderTraining.run(config, echoing(queries), s -> { });
    assertThat(report.history()).hasSize(1);
    assertThat(queries).hasSize(15 * 3).contains("which one 0 apple is correct|3", "which one 0 river is wrong|3");

    EvaluationReport eval = StudentEvaluation.evaluate(config, base.resolveSibling("run/model"),
        dev, echoing(queries), 0);
    assertThat(eval.withRetrieval().items()).isEqualTo(3);
    assertThat(eval.withRetrieval().description()).contains("2 facts");
    assertThat(eval.withoutRetrieval().description()).isEqualTo("no facts");
  }
}
