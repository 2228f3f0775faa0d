package org.distill4j.bench.training;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.instruct.Instructions;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.neural.decoder.init.DecoderInit;
import org.distill4j.neural.decoder.init.DecoderShape;
import org.distill4j.neural.decoder.init.WordVocabulary;
import org.distill4j.training.Training;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.CorpusExamples;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.train.DecoderTraining;

/**
 * Distilling step by step on CommonsenseQA with the decoder student: the same small decoder,
 * trained from scratch on PaLM's chain-of-thought answers, once writing the rationale and then
 * the answer ("… So the answer is X.") and once writing the answer alone ("So the answer is
 * X."), scored by held-out accuracy against gold (the answer read from after "So the answer
 * is"; a reply naming no choice is wrong). The teacher's own held-out accuracy is shown beside
 * them.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.StepByStepEvaluation --data ../shared/data \
 *   --work /tmp/d4j-sbs --train 3000 --dev 200 --heldout 500 --epochs 5
 * </pre>
 */
public final class StepByStepEvaluation {
  private static final Pattern ANSWER = Pattern.compile("So the answer is ([^.]*)");

  private StepByStepEvaluation() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    Path data = args.path("data", "../shared/data");
    Path work = Files.createDirectories(args.path("work", "/tmp/d4j-sbs"));
    int train = args.integer("train", 3000);
    int dev = args.integer("dev", 200);
    int heldout = args.integer("heldout", 500);
    List<JsonNode> questions = CommonsenseQaStudentEvaluation.readQuestions(data);
    List<String> teacher = CommonsenseQaStudentEvaluation.readTeacher(data);
    int at = writeCorpora(work, questions, teacher, train, dev);
    List<Held> held = new ArrayList<>();
    int teacherRight = 0;
    for (int i = at; i < at + heldout; i++) {
      JsonNode q = questions.get(i);
      List<String> choices = choices(q);
      String gold = q.path("answer").asText();
      held.add(new Held(Instructions.questionWithChoices(q.path("question").asText(), choices),
          choices, gold));
      var t = CommonsenseQaStudentEvaluation.TeacherAnswer.of(teacher.get(i), choices);
      teacherRight += gold.equals(t.answer()) ? 1 : 0;
    }
    System.out.printf("teacher (PaLM) held-out accuracy against gold: %.4f (%d of %d)%n",
        teacherRight / (double) heldout, teacherRight, heldout);
    for (String variant : List.of("rationale", "answer")) {
      run(work.resolve(variant), held, args);
    }
  }

  /**
   * Train and dev corpora per variant from the first questions with a readable teacher answer;
   * returns the index of the first question not used, where the held-out ones start.
   */
  private static int writeCorpora(Path work, List<JsonNode> questions, List<String> teacher,
      int train, int dev) throws IOException {
    for (String variant : List.of("rationale", "answer")) {
      Files.createDirectories(work.resolve(variant));
    }
    int at = 0;
    for (String split : List.of("train", "dev")) {
      int wanted = split.equals("train") ? train : dev;
      try (var withSteps = JsonLinesWriter.<CorpusRecord>overwrite(
              work.resolve("rationale").resolve(split + ".jsonl"));
          var alone = JsonLinesWriter.<CorpusRecord>overwrite(
              work.resolve("answer").resolve(split + ".jsonl"))) {
        for (int written = 0; written < wanted; at++) {
          List<String> choices = choices(questions.get(at));
          var t = CommonsenseQaStudentEvaluation.TeacherAnswer.of(teacher.get(at), choices);
          if (t.answer() == null || t.steps().isBlank()) {
            continue;
          }
          String question = questions.get(at).path("question").asText();
          withSteps.write(record(new Rationale(question, choices, List.of(t.steps()),
              t.answer())));
          // The same input; a rationale needs a step, so the answer-only target is a QA pair.
          alone.write(record(new QaPair(Instructions.questionWithChoices(question, choices),
              "So the answer is " + t.answer() + ".", null)));
          written++;
        }
      }
    }
    return at;
  }

  /** A held-out question: the student's input, its choices and the gold answer. */
  private record Held(String input, List<String> choices, String gold) {}

  private static CorpusRecord record(org.distill4j.core.knowledge.Knowledge k) {
    return CorpusRecord.of(k, Provenance.imported("distill_step_by_step/cqa"));
  }

  private static List<String> choices(JsonNode q) {
    List<String> out = new ArrayList<>();
    q.path("choices").forEach(c -> out.add(c.asText()));
    return out;
  }

  private static void run(Path dir, List<Held> held, BenchArgs args) throws IOException {
    List<String> texts = new ArrayList<>();
    for (TrainingExample e : CorpusExamples.read(dir.resolve("train.jsonl"), null, false)
        .examples()) {
      texts.add(e.input());
      texts.add(e.target());
    }
    DecoderInit.write(dir.resolve("base"), new DecoderShape(128, 2, 4, 4, 256, 256, 0.1),
        WordVocabulary.learn(texts, args.integer("vocabulary", 6000)), 42);
    StudentConfig config = StudentConfig.read(Files.writeString(dir.resolve("student.yaml"),
        String.join("\n", "student: decoder", "base: base", "train: train.jsonl",
            "dev: dev.jsonl", "out: run", "seed: 42", "device: cpu",
            "epochs: " + args.integer("epochs", 5), "batch_size: 32",
            "learning_rate: " + args.text("learning-rate", "0.002"), "patience: 2",
            "decoder: {max_tokens: 192, pack: true, warmup_fraction: 0.03, weight_decay: 0.1}",
            "evaluation: {limit: 50, max_new_tokens: 96}", "")));
    long start = System.nanoTime();
    // A finished run resumes to the same report without training again.
    var report = Training.train(config, RetrieverSource.none(), System.out::println);
    List<String> replies = DecoderTraining.replies(RunFolder.model(config.out()),
        config.decoder(), Device.cpu(), held.stream().map(Held::input).toList(),
        GenerationSettings.greedy(96, Set.of()));
    int right = 0;
    for (int i = 0; i < held.size(); i++) {
      Held h = held.get(i);
      right += key(answered(replies.get(i), h.choices())).equals(key(h.gold())) ? 1 : 0;
    }
    // Free generation rarely names a choice exactly for a model this small, so the choices are
    // also ranked by likelihood after the model's own reasoning (or none, for answer-only).
    List<String> prefixes = new ArrayList<>();
    for (String reply : replies) {
      int cut = reply.indexOf("So the answer is");
      prefixes.add((cut >= 0 ? reply.substring(0, cut) : reply + " ") + "So the answer is ");
    }
    int[] picked = DecoderTraining.likeliestOptions(RunFolder.model(config.out()),
        config.decoder(), Device.cpu(), held.stream().map(Held::input).toList(),
        dir.getFileName().toString().equals("answer")
            ? held.stream().map(h -> "So the answer is ").toList() : prefixes,
        held.stream().map(h -> h.choices().stream().map(c -> c + ".").toList()).toList());
    int ranked = 0;
    for (int i = 0; i < held.size(); i++) {
      ranked += held.get(i).choices().get(picked[i]).equals(held.get(i).gold()) ? 1 : 0;
    }
    System.out.printf("%s: choices ranked by likelihood: held-out accuracy %.4f (%d of %d)%n",
        dir.getFileName(), ranked / (double) held.size(), ranked, held.size());
    System.out.printf("%s: best epoch %d of %d (%.1f min); held-out accuracy %.4f (%d of %d);"
            + " first reply: %s%n", dir.getFileName(), report.bestEpoch(), report.epochsRun(),
        (System.nanoTime() - start) / 60e9, right / (double) held.size(), right, held.size(),
        replies.get(0));
  }

  /**
   * The choice a reply names after "So the answer is", or "" when it names none. Compared
   * without case, spaces and punctuation: the word-level tokenizer decodes "person's" as
   * "person ' s".
   */
  static String answered(String reply, List<String> choices) {
    Matcher m = ANSWER.matcher(reply);
    String said = m.find() ? key(m.group(1)) : "";
    for (String choice : choices) {
      if (!said.isEmpty() && said.equals(key(choice))) {
        return choice;
      }
    }
    return "";
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }
}
