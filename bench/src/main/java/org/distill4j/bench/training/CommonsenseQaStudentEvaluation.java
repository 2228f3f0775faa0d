package org.distill4j.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
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
    BenchArgs args = new BenchArgs(argv);
    Path data = args.path("data", "../shared/data");
    Path work = args.path("work", "/tmp/d4j-cqa");
    int train = args.integer("train", 2000);
    int dev = args.integer("dev", 300);
    int heldout = args.integer("heldout", 500);
    int epochs = args.integer("epochs", 30);
    // bm25 reads a keyword-only store; vector and hybrid need one with MiniLM vectors.
    String mode = SearchMode.parse(args.text("mode", "bm25")).name()
        .toLowerCase(java.util.Locale.ROOT);
    boolean vectors = !mode.equals("bm25");
    Files.createDirectories(work);

    List<JsonNode> questions = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(
        data.resolve("distill_step_by_step/cqa/cqa_train.json"))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          questions.add(CorpusJson.json().readTree(line));
        }
      }
    }
    List<String> teacher = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      JsonNode arr = CorpusJson.json().readTree(
          data.resolve("distill_step_by_step/cqa/llm/train_CoT_" + i + ".json").toFile());
      arr.forEach(n -> teacher.add(n.asText()));
    }
    if (teacher.size() != questions.size()) {
      throw new IllegalStateException(teacher.size() + " teacher completions for "
          + questions.size() + " questions");
    }
    int unreadable = 0;
    int agreeAll = 0;
    int agreeHeld = 0;
    int answered = 0;
    try (JsonLinesWriter<CorpusRecord> tw = JsonLinesWriter.overwrite(work.resolve("train.jsonl"));
        JsonLinesWriter<CorpusRecord> dw = JsonLinesWriter.overwrite(work.resolve("dev.jsonl"));
        JsonLinesWriter<CorpusRecord> hw =
            JsonLinesWriter.overwrite(work.resolve("heldout.jsonl"))) {
      for (int i = 0; i < Math.min(questions.size(), train + dev + heldout); i++) {
        JsonNode q = questions.get(i);
        List<String> choices = new ArrayList<>();
        q.get("choices").forEach(c -> choices.add(c.asText()));
        String gold = q.get("answer").asText();
        String completion = teacher.get(i);
        int cut = completion.indexOf("\n\nQ:");
        String text = (cut >= 0 ? completion.substring(0, cut) : completion).trim();
        Matcher m = ANSWER.matcher(text);
        String teacherAnswer = m.find() ? choices.get(m.group(1).toLowerCase(Locale.ROOT)
            .charAt(0) - 'a') : null;
        if (i < train + dev) {
          if (teacherAnswer == null) {
            unreadable++;
            continue;
          }
          answered++;
          if (teacherAnswer.equals(gold)) {
            agreeAll++;
          }
          String steps = text.substring(0, m.start()).trim();
          Rationale r = new Rationale(q.get("question").asText(), choices,
              List.of(steps.isEmpty() ? "(no reasoning)" : steps), teacherAnswer);
          CorpusRecord rec = CorpusRecord.of(r, Provenance.imported("palm-540b-cot"));
          (i < train ? tw : dw).write(rec);
        } else {
          if (teacherAnswer != null && teacherAnswer.equals(gold)) {
            agreeHeld++;
          }
          hw.write(CorpusRecord.of(new Rationale(q.get("question").asText(), choices,
              List.of("(gold)"), gold), Provenance.imported("commonsenseqa-gold")));
        }
      }
    }
    System.out.printf("teacher answers: %d readable, %d unreadable (left out); agreement with"
        + " gold %.4f on train+dev, %.4f on the held-out questions%n", answered, unreadable,
        agreeAll / (double) answered, agreeHeld / (double) heldout);

    Path kbDir = work.resolve(vectors ? "kb-vectors" : "kb");
    if (!Files.isDirectory(kbDir)) {
      buildKnowledgeBase(data, kbDir, vectors);
    }
    TextEmbedder encoder = MiniLm.memoizing();
    String common = String.join("\n", "student: scorer", "train: train.jsonl", "dev: dev.jsonl",
        "seed: 42", "device: auto", "epochs: " + epochs, "batch_size: 64",
        "learning_rate: 0.001", "patience: 4", "scorer: {task: choice, hidden: 256, dropout: 0.2}",
        "");
    StudentConfig plain = StudentConfig.read(Files.writeString(work.resolve("plain.yaml"),
        common + "out: run-plain\n"));
    String suffix = vectors ? "-" + mode : "";
    StudentConfig withKb = StudentConfig.read(Files.writeString(
        work.resolve("retrieval" + suffix + ".yaml"), common + "out: run-retrieval" + suffix
            + "\nretrieval: {kb: " + kbDir.getFileName() + ", mode: " + mode + ", k: 3}\n"));
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      RetrieverSource retrievers = settings -> kb.retriever(SearchMode.parse(settings.mode()));
      long t0 = System.nanoTime();
      RunReport r1 = ScorerTraining.run(plain, retrievers, encoder,
          MiniLm.DIMENSION, System.out::println, e -> { });
      EvaluationReport e1 = StudentEvaluation.evaluate(plain, EpochLoop.bestCheckpoint(
          plain.out()), work.resolve("heldout.jsonl"), retrievers, 0, encoder);
      long t1 = System.nanoTime();
      RunReport r2 = ScorerTraining.run(withKb, retrievers, encoder,
          MiniLm.DIMENSION, System.out::println, e -> { });
      EvaluationReport e2 = StudentEvaluation.evaluate(withKb, EpochLoop.bestCheckpoint(
          withKb.out()), work.resolve("heldout.jsonl"), retrievers, 0, encoder);
      long t2 = System.nanoTime();
      Files.writeString(work.resolve("heldout-plain.json"),
          CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(e1));
      Files.writeString(work.resolve("heldout-retrieval" + suffix + ".json"),
          CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(e2));
      System.out.printf("held-out questions: %d (accuracy against gold)%n",
          e1.withoutRetrieval().items());
      System.out.printf("scorer trained without retrieval: %.4f (best epoch %d, %.1f min)%n",
          e1.withoutRetrieval().accuracy(), r1.bestEpoch(), (t1 - t0) / 60e9);
      System.out.printf("scorer trained with %s retrieval, scored with facts: %.4f, without"
          + " facts: %.4f (best epoch %d, %.1f min)%n", mode, e2.withRetrieval().accuracy(),
          e2.withoutRetrieval().accuracy(), r2.bestEpoch(), (t2 - t1) / 60e9);
      System.out.printf("baselines: random 0.2000; %s %.4f; teacher (PaLM) agreement %.4f%n",
          e1.baseline().description(), e1.baseline().accuracy(), agreeHeld / (double) heldout);
    }
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
