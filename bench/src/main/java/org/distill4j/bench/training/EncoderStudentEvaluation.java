package org.distill4j.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.Training;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.train.RunReport;

/**
 * The encoder student ({@code student: encoder}, a pretrained all-MiniLM-L6-v2 fine-tuned as a
 * multiple-choice cross-encoder) on the data and split of {@link CommonsenseQaStudentEvaluation}:
 * the first {@code --train} CommonsenseQA train questions train, the next {@code --dev} are dev,
 * the next {@code --heldout} are scored against gold. It is trained on PaLM's chain-of-thought
 * answers and, for comparison, on the gold answers of the same questions (those whose PaLM answer
 * cannot be read are left out of both, so only the labels differ), each without retrieval and
 * with BM25 facts from the same ATOMIC + ConceptNet knowledge base given per question + choice.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=2 -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.EncoderStudentEvaluation --data ../shared/data \
 *   --work /tmp/d4j-cqa-encoder --base /tmp/minilm --train 2000 --dev 300 --heldout 500 \
 *   --epochs 3 --answers both --retrieval both
 * </pre>
 *
 * <p>{@code --answers palm|gold|both} and {@code --retrieval none|bm25|both} pick the runs;
 * {@code --kb DIR} reuses a store {@link CommonsenseQaStudentEvaluation} built (default
 * {@code WORK/kb}, built when missing). Each run folder resumes after a kill.
 */
public final class EncoderStudentEvaluation {
  private EncoderStudentEvaluation() {}

  public static void main(String[] argv) throws Exception {
    Options o = Options.parse(new BenchArgs(argv));
    Files.createDirectories(o.work());
    int[] agreement = writeCorpora(o);
    System.out.printf(Locale.ROOT, "questions: %d train+dev with a readable PaLM answer (%d"
        + " left out), PaLM agrees with gold on %.4f of them; %d held out%n", agreement[0],
        agreement[1], agreement[2] / (double) Math.max(1, agreement[0]), agreement[3]);
    boolean retrieval = !o.retrieval().equals("none");
    if (retrieval && !Files.isDirectory(o.kb())) {
      CommonsenseQaStudentEvaluation.buildKnowledgeBase(o.data(), o.kb(), false);
    }
    List<String> rows = new ArrayList<>();
    try (KnowledgeBase kb = retrieval ? KnowledgeBase.open(o.kb()) : null) {
      RetrieverSource retrievers = kb == null ? RetrieverSource.none()
          : settings -> kb.retriever(SearchMode.parse(settings.mode()));
      for (String answers : o.answerSets()) {
        for (boolean facts : o.factSettings()) {
          rows.add(trainAndScore(o, answers, facts, retrievers));
        }
      }
    }
    System.out.printf("held-out accuracy against gold (%d questions):%n", agreement[3]);
    rows.forEach(System.out::println);
  }

  /** The command line, with the defaults of a full run. */
  private record Options(Path data, Path work, Path base, Path kb, int train, int dev,
      int heldout, int epochs, int batch, String learningRate, int maxTokens, String answers,
      String retrieval) {
    static Options parse(BenchArgs a) {
      Path work = a.path("work", "/tmp/d4j-cqa-encoder");
      Options o = new Options(a.path("data", "../shared/data"), work,
          a.path("base", "/tmp/minilm").toAbsolutePath(),
          a.path("kb", work.resolve("kb").toString()).toAbsolutePath(), a.integer("train", 2000),
          a.integer("dev", 300), a.integer("heldout", 500), a.integer("epochs", 3),
          a.integer("batch", 16), a.text("learning-rate", "3e-5"), a.integer("max-tokens", 128),
          a.text("answers", "both"), a.text("retrieval", "both"));
      if (!List.of("palm", "gold", "both").contains(o.answers())) {
        throw new IllegalArgumentException("--answers must be palm, gold or both");
      }
      if (!List.of("none", "bm25", "both").contains(o.retrieval())) {
        throw new IllegalArgumentException("--retrieval must be none, bm25 or both");
      }
      return o;
    }

    List<String> answerSets() {
      return answers.equals("both") ? List.of("palm", "gold") : List.of(answers);
    }

    List<Boolean> factSettings() {
      return retrieval.equals("both") ? List.of(false, true) : List.of(retrieval.equals("bm25"));
    }
  }

  /**
   * Writes train and dev twice, labelled with PaLM's answer and with gold, and the held-out
   * questions with gold. Returns {answered, unreadable, PaLM agrees with gold, held out}.
   */
  private static int[] writeCorpora(Options o) throws Exception {
    List<JsonNode> questions = CommonsenseQaStudentEvaluation.readQuestions(o.data());
    List<String> teacher = CommonsenseQaStudentEvaluation.readTeacher(o.data());
    int[] counts = new int[4];
    Path w = o.work();
    try (JsonLinesWriter<CorpusRecord> trainPalm = JsonLinesWriter.overwrite(
            w.resolve("train-palm.jsonl"));
        JsonLinesWriter<CorpusRecord> devPalm = JsonLinesWriter.overwrite(
            w.resolve("dev-palm.jsonl"));
        JsonLinesWriter<CorpusRecord> trainGold = JsonLinesWriter.overwrite(
            w.resolve("train-gold.jsonl"));
        JsonLinesWriter<CorpusRecord> devGold = JsonLinesWriter.overwrite(
            w.resolve("dev-gold.jsonl"));
        JsonLinesWriter<CorpusRecord> held = JsonLinesWriter.overwrite(
            w.resolve("heldout.jsonl"))) {
      for (int i = 0; i < Math.min(questions.size(), o.train() + o.dev() + o.heldout()); i++) {
        JsonNode q = questions.get(i);
        List<String> choices = new ArrayList<>();
        q.get("choices").forEach(c -> choices.add(c.asText()));
        String gold = q.get("answer").asText();
        String question = q.get("question").asText();
        if (i >= o.train() + o.dev()) {
          held.write(record(question, choices, gold, "commonsenseqa-gold"));
          counts[3]++;
          continue;
        }
        String palm = CommonsenseQaStudentEvaluation.TeacherAnswer.of(teacher.get(i), choices)
            .answer();
        if (palm == null) {
          counts[1]++;
          continue;
        }
        counts[0]++;
        counts[2] += palm.equals(gold) ? 1 : 0;
        boolean training = i < o.train();
        (training ? trainPalm : devPalm).write(record(question, choices, palm, "palm-540b-cot"));
        (training ? trainGold : devGold).write(record(question, choices, gold,
            "commonsenseqa-gold"));
      }
    }
    return counts;
  }

  private static CorpusRecord record(String question, List<String> choices, String answer,
      String source) {
    return CorpusRecord.of(new Rationale(question, choices, List.of("(answer only)"), answer),
        Provenance.imported(source));
  }

  /** Trains (or resumes) one run and scores it on the held-out questions; returns its row. */
  private static String trainAndScore(Options o, String answers, boolean facts,
      RetrieverSource retrievers) throws Exception {
    String name = "encoder-" + answers + (facts ? "-bm25" : "");
    String yaml = String.join("\n", "student: encoder", "base: " + o.base(),
        "train: train-" + answers + ".jsonl", "dev: dev-" + answers + ".jsonl",
        "out: run-" + name, "seed: 42", "device: auto", "epochs: " + o.epochs(),
        "batch_size: " + o.batch(), "learning_rate: " + o.learningRate(), "patience: 1",
        "scorer: {task: choice}", "encoder: {max_tokens: " + o.maxTokens() + "}",
        facts ? "retrieval: {kb: " + o.kb() + ", mode: bm25, k: 3}" : "", "");
    StudentConfig config = StudentConfig.read(
        Files.writeString(o.work().resolve(name + ".yaml"), yaml));
    long start = System.nanoTime();
    RunReport run = Training.train(config, retrievers, System.out::println);
    double minutes = (System.nanoTime() - start) / 60e9;
    EvaluationReport eval = StudentEvaluation.evaluate(config, RunFolder.model(config.out()),
        o.work().resolve("heldout.jsonl"), retrievers, 0);
    Files.writeString(o.work().resolve("heldout-" + name + ".json"),
        CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(eval));
    String trained = "encoder trained on " + (answers.equals("palm") ? "PaLM's" : "gold")
        + " answers" + (facts ? " with 3 BM25 facts per choice" : "");
    String scored = facts
        ? String.format(Locale.ROOT, "%.4f with facts, %.4f without",
            eval.withRetrieval().accuracy(), eval.withoutRetrieval().accuracy())
        : String.format(Locale.ROOT, "%.4f", eval.withoutRetrieval().accuracy());
    return String.format(Locale.ROOT, "  %s: %s (best epoch %d of %d, dev accuracy %.4f,"
        + " %.1f min; baseline %s %.4f)", trained, scored, run.bestEpoch(), run.epochsRun(),
        run.bestDevMetric(), minutes, eval.baseline().description(),
        eval.baseline().accuracy());
  }
}
