package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.MiniLm;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer on the real in-process all-MiniLM-L6-v2 model, with a handful of texts. */
class ScorerTrainingTest {
  private static TextEmbedder encoder;
  @TempDir Path dir;

  @BeforeAll
  static void load() {
    encoder = MiniLm.memoizing();
  }

  private static Rationale q(String question, String answer, String... wrong) {
    List<String> choices = new java.util.ArrayList<>(List.of(wrong));
    choices.add(question.length() % (choices.size() + 1), answer);
    return new Rationale(question, choices, List.of("Think."), answer);
  }

  @Test
  void multipleChoiceScorerLearnsTheTeachersAnswers() throws Exception {
    List<Rationale> items = List.of(
        q("What do you drink when thirsty?", "water", "stone", "cloud"),
        q("What do you use to cut paper?", "scissors", "pillow", "soup"),
        q("Where do fish live?", "river", "desert", "attic"),
        q("What do you wear on your feet?", "shoes", "hat", "spoon"),
        q("What gives light at night?", "lamp", "carpet", "bread"),
        q("What do bees make?", "honey", "bricks", "paper"));
    Path corpus = dir.resolve("qa.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(corpus)) {
      items.forEach(r -> w.write(CorpusRecord.of(r, Provenance.imported("test"))));
    }
    Path cfg = Files.writeString(dir.resolve("s.yaml"), String.join("\n",
        "student: scorer", "train: qa.jsonl", "dev: qa.jsonl", "out: run", "device: cpu",
        "epochs: 30", "batch_size: 3", "learning_rate: 0.003", "patience: 0",
        "scorer: {task: choice, hidden: 32, dropout: 0.0}"));
    StudentConfig config = StudentConfig.read(cfg);
    RunReport report = ScorerTraining.run(config, RetrieverSource.none(), encoder,
        MiniLm.DIMENSION, s -> { }, e -> { });
    List<EpochMetrics> h = report.history();
    assertThat(h.get(h.size() - 1).devLoss()).isLessThan(h.get(0).devLoss());
    assertThat(h.get(h.size() - 1).devMetric()).isEqualTo(1.0);
    assertThat(h.get(0).metric()).isEqualTo("accuracy");

    EvaluationReport eval = StudentEvaluation.evaluate(config,
        EpochLoop.bestCheckpoint(config.out()), corpus, RetrieverSource.none(), 0, encoder);
    assertThat(eval.withoutRetrieval().accuracy()).isEqualTo(1.0);
    assertThat(eval.withRetrieval()).isNull();
    assertThat(eval.baseline().accuracy()).isLessThan(1.0);
  }

  @Test
  void validityScorerLearnsKeptFromRejected() throws Exception {
    Path corpus = dir.resolve("triples.jsonl");
    String[][] good = {{"PersonX drinks water", "to quench thirst"},
        {"PersonX eats lunch", "to stop being hungry"}, {"PersonX sleeps", "to rest"},
        {"PersonX studies", "to pass the exam"}};
    String[][] bad = {{"PersonX drinks water", "a purple mountain"},
        {"PersonX eats lunch", "the number seven"}, {"PersonX sleeps", "a loud trumpet"},
        {"PersonX studies", "a wet sock"}};
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(corpus)) {
      for (String[] g : good) {
        w.write(CorpusRecord.of(new CommonsenseTriple(g[0], "xIntent", g[1]),
            Provenance.imported("t")).withVerdict(new Verdict.Kept("critic")));
      }
      for (String[] b : bad) {
        w.write(CorpusRecord.of(new CommonsenseTriple(b[0], "xIntent", b[1]),
            Provenance.imported("t")).withVerdict(new Verdict.Rejected("critic", "nonsense")));
      }
    }
    Path cfg = Files.writeString(dir.resolve("v.yaml"), String.join("\n",
        "student: scorer", "train: triples.jsonl", "dev: triples.jsonl", "out: vrun",
        "device: cpu", "epochs: 40", "batch_size: 4", "learning_rate: 0.003", "patience: 0",
        "scorer: {task: validity, hidden: 32, dropout: 0.0}"));
    RunReport report = ScorerTraining.run(StudentConfig.read(cfg), RetrieverSource.none(),
        encoder, MiniLm.DIMENSION, s -> { }, e -> { });
    assertThat(report.trainExamples()).isEqualTo(8);
    assertThat(report.history().get(report.history().size() - 1).devMetric()).isEqualTo(1.0);
  }
}
