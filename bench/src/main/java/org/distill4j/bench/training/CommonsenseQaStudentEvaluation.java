package org.distill4j.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.train.EpochLoop;
import org.distill4j.training.train.RunReport;
import org.distill4j.training.train.ScorerTraining;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.neural.MiniLm;

/**
 * Trains the scorer student on PaLM's chain-of-thought answers to CommonsenseQA train questions
 * (the teacher's answer, not the gold one) and scores it against gold on held-out train
 * questions, without and with facts retrieved ({@code --mode bm25}, the default, or {@code vector}
 * or {@code hybrid} from a second store built with vectors) from a knowledge base of ATOMIC 2019 and
 * ConceptNet triples. The first {@code --train} questions train (those whose teacher answer
 * cannot be read are counted and left out), the next {@code --dev} are dev, the next
 * {@code --heldout} are scored.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.CommonsenseQaStudentEvaluation \
 *   --data ../shared/data --work /tmp/d4j-cqa --train 2000 --dev 300 --heldout 500
 * </pre>
 */
public final class CommonsenseQaStudentEvaluation {
  private static final Pattern ANSWER =
      Pattern.compile("So the answer is \\(([a-e])\\)", Pattern.CASE_INSENSITIVE);

  private CommonsenseQaStudentEvaluation() {}

  public static void main(String[] argv) throws Exception {
    Options o = Options.parse(new BenchArgs(argv));
    Files.createDirectories(o.work());
    List<JsonNode> questions = readQuestions(o.data());
    List<String> teacher = readTeacher(o.data());
    if (teacher.size() != questions.size()) {
      throw new IllegalStateException(teacher.size() + " teacher completions for "
          + questions.size() + " questions");
    }
    Agreement agreement = writeCorpora(o, questions, teacher);
    System.out.printf("teacher answers: %d readable, %d unreadable (left out); agreement with"
        + " gold %.4f on train+dev, %.4f on the held-out questions%n", agreement.answered(),
        agreement.unreadable(), agreement.agreeAll() / (double) agreement.answered(),
        agreement.agreeHeld() / (double) o.heldout());

    Path kbDir = o.work().resolve(o.vectors() ? "kb-vectors" : "kb");
    if (!Files.isDirectory(kbDir)) {
      buildKnowledgeBase(o.data(), kbDir, o.vectors());
    }
    trainAndScore(o, kbDir, agreement);
  }

  /** The command line, with the defaults of a full run. */
  private record Options(Path data, Path work, int train, int dev, int heldout, int epochs,
      String mode) {
    static Options parse(BenchArgs args) {
      return new Options(
          args.path("data", "../shared/data"),
          args.path("work", "/tmp/d4j-cqa"),
          args.integer("train", 2000),
          args.integer("dev", 300),
          args.integer("heldout", 500),
          args.integer("epochs", 30),
          SearchMode.parse(args.text("mode", "bm25")).name().toLowerCase(Locale.ROOT));
    }

    /** bm25 reads a keyword-only store; vector and hybrid need one with MiniLM vectors. */
    boolean vectors() {
      return !mode.equals("bm25");
    }

    /** Names the retrieval run and its files by mode, except the default bm25's. */
    String suffix() {
      return vectors() ? "-" + mode : "";
    }
  }

  /** How many teacher answers could be read, and how many of them agree with gold. */
  private record Agreement(int answered, int unreadable, int agreeAll, int agreeHeld) {}

  /**
   * The teacher's completion up to the next few-shot question it went on to write, and the choice
   * it answered ({@code null} where no answer can be read) with where that answer sentence starts.
   */
  record TeacherAnswer(String text, String answer, int answerStart) {
    static TeacherAnswer of(String completion, List<String> choices) {
      int cut = completion.indexOf("\n\nQ:");
      String text = (cut >= 0 ? completion.substring(0, cut) : completion).trim();
      Matcher m = ANSWER.matcher(text);
      if (!m.find()) {
        return new TeacherAnswer(text, null, -1);
      }
      return new TeacherAnswer(text,
          choices.get(m.group(1).toLowerCase(Locale.ROOT).charAt(0) - 'a'), m.start());
    }

    String steps() {
      return text.substring(0, answerStart).trim();
    }
  }

  static List<JsonNode> readQuestions(Path data) throws IOException {
    List<JsonNode> questions = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(
        data.resolve("distill_step_by_step/cqa/cqa_train.json"))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          questions.add(CorpusJson.json().readTree(line));
        }
      }
    }
    return questions;
  }

  /** PaLM's chain-of-thought completions of the train questions, in question order. */
  static List<String> readTeacher(Path data) throws IOException {
    List<String> teacher = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      JsonNode arr = CorpusJson.json().readTree(
          data.resolve("distill_step_by_step/cqa/llm/train_CoT_" + i + ".json").toFile());
      arr.forEach(n -> teacher.add(n.asText()));
    }
    return teacher;
  }

  /**
   * Writes train and dev with the teacher's rationale and answer (unreadable ones left out) and
   * the held-out questions with gold, which is what they are scored against.
   */
  private static Agreement writeCorpora(Options o, List<JsonNode> questions,
      List<String> teacher) throws IOException {
    int unreadable = 0;
    int agreeAll = 0;
    int agreeHeld = 0;
    int answered = 0;
    Path work = o.work();
    try (JsonLinesWriter<CorpusRecord> tw = JsonLinesWriter.overwrite(work.resolve("train.jsonl"));
        JsonLinesWriter<CorpusRecord> dw = JsonLinesWriter.overwrite(work.resolve("dev.jsonl"));
        JsonLinesWriter<CorpusRecord> hw =
            JsonLinesWriter.overwrite(work.resolve("heldout.jsonl"))) {
      for (int i = 0; i < Math.min(questions.size(), o.train() + o.dev() + o.heldout()); i++) {
        JsonNode q = questions.get(i);
        List<String> choices = new ArrayList<>();
        q.get("choices").forEach(c -> choices.add(c.asText()));
        String gold = q.get("answer").asText();
        TeacherAnswer t = TeacherAnswer.of(teacher.get(i), choices);
        if (i < o.train() + o.dev()) {
          if (t.answer() == null) {
            unreadable++;
            continue;
          }
          answered++;
          if (t.answer().equals(gold)) {
            agreeAll++;
          }
          String steps = t.steps();
          Rationale r = new Rationale(q.get("question").asText(), choices,
              List.of(steps.isEmpty() ? "(no reasoning)" : steps), t.answer());
          (i < o.train() ? tw : dw).write(CorpusRecord.of(r, Provenance.imported("palm-540b-cot")));
        } else {
          if (t.answer() != null && t.answer().equals(gold)) {
            agreeHeld++;
          }
          hw.write(CorpusRecord.of(new Rationale(q.get("question").asText(), choices,
              List.of("(gold)"), gold), Provenance.imported("commonsenseqa-gold")));
        }
      }
    }
    return new Agreement(answered, unreadable, agreeAll, agreeHeld);
  }

  /**
   * Trains and scores the scorer twice on the same corpora, without retrieval and with facts
   * from {@code kbDir}, and prints both beside the baselines.
   */
  private static void trainAndScore(Options o, Path kbDir, Agreement agreement)
      throws Exception {
    Path work = o.work();
    TextEmbedder encoder = MiniLm.memoizing();
    StudentConfig plain = config(o, "plain.yaml", "out: run-plain\n");
    String suffix = o.suffix();
    StudentConfig withKb = config(o, "retrieval" + suffix + ".yaml", "out: run-retrieval"
        + suffix + "\nretrieval: {kb: " + kbDir.getFileName() + ", mode: " + o.mode()
        + ", k: 3}\n");
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      RetrieverSource retrievers = settings -> kb.retriever(SearchMode.parse(settings.mode()));
      long t0 = System.nanoTime();
      Scored s1 = trainAndEvaluate(plain, retrievers, encoder, work.resolve("heldout.jsonl"));
      long t1 = System.nanoTime();
      Scored s2 = trainAndEvaluate(withKb, retrievers, encoder, work.resolve("heldout.jsonl"));
      long t2 = System.nanoTime();
      EvaluationReport e1 = s1.eval();
      EvaluationReport e2 = s2.eval();
      Files.writeString(work.resolve("heldout-plain.json"),
          CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(e1));
      Files.writeString(work.resolve("heldout-retrieval" + suffix + ".json"),
          CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(e2));
      System.out.printf("held-out questions: %d (accuracy against gold)%n",
          e1.withoutRetrieval().items());
      System.out.printf("scorer trained without retrieval: %.4f (best epoch %d, %.1f min)%n",
          e1.withoutRetrieval().accuracy(), s1.run().bestEpoch(), (t1 - t0) / 60e9);
      System.out.printf("scorer trained with %s retrieval, scored with facts: %.4f, without"
          + " facts: %.4f (best epoch %d, %.1f min)%n", o.mode(), e2.withRetrieval().accuracy(),
          e2.withoutRetrieval().accuracy(), s2.run().bestEpoch(), (t2 - t1) / 60e9);
      System.out.printf("baselines: random 0.2000; %s %.4f; teacher (PaLM) agreement %.4f%n",
          e1.baseline().description(), e1.baseline().accuracy(),
          agreement.agreeHeld() / (double) o.heldout());
    }
  }

  /** A training run and its best checkpoint's evaluation. */
  private record Scored(RunReport run, EvaluationReport eval) {}

  private static Scored trainAndEvaluate(StudentConfig config, RetrieverSource retrievers,
      TextEmbedder encoder, Path heldout) throws Exception {
    RunReport run = ScorerTraining.run(config, retrievers, encoder,
        MiniLm.DIMENSION, System.out::println, e -> { });
    EvaluationReport eval = StudentEvaluation.evaluate(config, EpochLoop.bestCheckpoint(
        config.out()), heldout, retrievers, 0, encoder);
    return new Scored(run, eval);
  }

  /** Writes and reads one run's config: the settings both runs share, then {@code tail}. */
  private static StudentConfig config(Options o, String file, String tail) throws Exception {
    String common = String.join("\n", "student: scorer", "train: train.jsonl", "dev: dev.jsonl",
        "seed: 42", "device: auto", "epochs: " + o.epochs(), "batch_size: 64",
        "learning_rate: 0.001", "patience: 4", "scorer: {task: choice, hidden: 256, dropout: 0.2}",
        "");
    return StudentConfig.read(Files.writeString(o.work().resolve(file), common + tail));
  }

  /** ATOMIC 2019 (dev CSV) and the true ConceptNet triples of the CKBC dev files. */
  static void buildKnowledgeBase(Path data, Path kbDir, boolean vectors) throws Exception {
    long start = System.nanoTime();
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      AtomicCsvImporter.Counts counts = new AtomicCsvImporter.Counts();
      try (Stream<CorpusRecord> atomic = new AtomicCsvImporter().read(
          data.resolve("atomic2019/v4_atomic_dev.csv"), counts)) {
        kb.ingest(atomic, org.distill4j.kb.ingest.IngestSettings.of(vectors, v -> { }));
      }
      List<CorpusRecord> conceptNet = new ArrayList<>();
      for (String f : List.of("dev1.txt", "dev2.txt")) {
        for (String line : Files.readAllLines(data.resolve("conceptnet_ckbc/" + f))) {
          String[] p = line.split("\t");
          // relation, tail, head, label: "IsA object tool 1" is tool IsA object.
          if (p.length == 4 && p[3].trim().equals("1")) {
            conceptNet.add(CorpusRecord.of(new CommonsenseTriple(p[2], p[0], p[1]),
                Provenance.imported("conceptnet-ckbc")));
          }
        }
      }
      kb.ingest(conceptNet, vectors);
      System.out.printf("knowledge base: %s (built in %.1f s)%n", kb.stats(),
          (System.nanoTime() - start) / 1e9);
    }
  }
}
