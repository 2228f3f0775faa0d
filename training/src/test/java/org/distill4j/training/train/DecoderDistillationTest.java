package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.logprob.LogprobsLine;
import org.distill4j.core.logprob.TeacherToken;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.testing.TinyDecoders;
import org.distill4j.training.Training;
import org.distill4j.training.config.DecoderSettings;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.CorpusExamples;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.loss.Divergence;
import org.distill4j.training.loss.TokenDistillation;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder student distilled from a served teacher's top-k on the tiny Qwen2 checkpoint,
 * whose WordLevel vocabulary the test's teacher writes in (its tokens are vocabulary words, sent
 * as their text, which TokenAlignment finds as they are).
 */
class DecoderDistillationTest {
  @TempDir static Path shared;
  static Path base;
  @TempDir Path dir;

  private static final String[] HEADS = {"the cat", "the dog", "people", "the model",
      "the world", "water", "the answer", "a question"};
  private static final String[] TAILS = {"to find water", "to go out", "to make time",
      "to write", "to see people", "to look up", "to call him", "to find the dog"};
  private static final String[] OTHERS = {"of", "and", "is", "it", "that", "cat", "yes"};
  /** The written token's log-probability, then three alternatives'; multiples of 1/1000 nat. */
  private static final double[] LOGPROBS = {-0.7, -1.6, -2.3, -3.0};
  /** Replies 0-4 hold their target; 5 has no hash, 6 no line, 7 a reply not spelling it. */
  private static final int ALIGNED = 5;

  @BeforeAll
  static void copyBase() throws Exception {
    base = TinyDecoders.copy("qwen2", shared.resolve("qwen2"));
  }

  private static String hash(int i) {
    return String.format("%064x", i + 1);
  }

  /** The words of reply i: a preamble, the target, an ending; reply 7 has them reversed. */
  private static List<String> reply(int i, boolean foreign) {
    List<String> words = new ArrayList<>(List.of("yes", ","));
    List<String> target = new ArrayList<>(List.of(TAILS[i].split(" ")));
    if (i == 7) {
      java.util.Collections.reverse(target);
    }
    words.addAll(target);
    words.addAll(List.of(".", "hello"));
    return foreign ? words.stream().map(w -> "Ġ" + w + "_x").toList() : words;
  }

  /** Each reply's top-4: the written word, then three others; the same at every position. */
  private static TokenLogprobs logprobs(List<String> words) {
    TokenLogprobs.Builder b = TokenLogprobs.builder(4);
    for (int p = 0; p < words.size(); p++) {
      String word = words.get(p);
      b.position(TeacherToken.of(word), LOGPROBS[0]);
      b.alternative(TeacherToken.of(word), LOGPROBS[0]);
      for (int j = 1, o = p; j < LOGPROBS.length; o++) {
        String other = word.startsWith("Ġ") ? "Ġ" + OTHERS[o % OTHERS.length] + "_x"
            : OTHERS[o % OTHERS.length];
        if (!other.equals(word)) {
          b.alternative(TeacherToken.of(other), LOGPROBS[j++]);
        }
      }
    }
    return b.build();
  }

  /** Writes train.jsonl, dev.jsonl (same records) and logprobs.jsonl into {@code dir}. */
  private void write(boolean foreign) throws Exception {
    for (String name : List.of("train.jsonl", "dev.jsonl")) {
      try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(dir.resolve(name))) {
        for (int i = 0; i < HEADS.length; i++) {
          Provenance p = i == 5 ? Provenance.imported("test") : Provenance.builder()
              .teacherModel("tiny-teacher").requestHash(hash(i)).build();
          w.write(CorpusRecord.of(new CommonsenseTriple(HEADS[i], "xIntent", TAILS[i]), p));
        }
      }
    }
    try (JsonLinesWriter<LogprobsLine> w =
        JsonLinesWriter.overwrite(dir.resolve("logprobs.jsonl"))) {
      for (int i = 0; i < HEADS.length; i++) {
        if (i != 6) {
          w.write(LogprobsLine.of(hash(i), logprobs(reply(i, foreign))));
        }
      }
    }
  }

  private StudentConfig config(String name, String decoder) throws Exception {
    return StudentConfig.read(Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
        "student: decoder", "base: " + base, "train: train.jsonl", "dev: dev.jsonl",
        "out: " + name, "device: cpu", "seed: 5", "patience: 0", "batch_size: 4",
        "learning_rate: 0.01", "evaluation: {limit: 2, max_new_tokens: 4}",
        "decoder: " + decoder, "")));
  }

  private static Map<String, Integer> vocabulary() throws Exception {
    JsonNode vocab = CorpusJson.json().readTree(base.resolve("tokenizer.json").toFile())
        .path("model").path("vocab");
    Map<String, Integer> out = new HashMap<>();
    vocab.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }

  /** The rows and the teacher of the corpus in {@code dir}, as the run builds them. */
  private record Setup(DecoderChats chats, TeacherTargets teacher, List<DistilledRow> rows,
      List<String> log) {}

  private Setup setup() throws Exception {
    List<TrainingExample> examples = CorpusExamples.read(dir.resolve("train.jsonl"), null,
        false).examples();
    DecoderChats chats = DecoderChats.open(base, config("probe", "{max_tokens: 64}").decoder());
    TeacherTargets teacher = TeacherTargets.open(dir.resolve("logprobs.jsonl"),
        base.resolve("tokenizer.json"), dir.resolve("train.jsonl"));
    List<String> log = new ArrayList<>();
    List<DistilledRow> rows = teacher.rows(chats.encode(examples, log::add), chats, log::add);
    return new Setup(chats, teacher, rows, log);
  }

  @Test
  void theLossOnOneBatchIsTheDoublePrecisionForwardKlAndNll() throws Exception {
    write(false);
    Setup s = setup();
    float t = 2f;
    float a = 0.7f;
    DistilledLmTask task = new DistilledLmTask(
        new TokenDistillation(Divergence.FORWARD_KL, t, a, 0.1f, 0.2f), s.teacher());
    Map<String, Integer> vocab = vocabulary();
    try (DecoderChats chats = s.chats();
        DecoderLm model = DecoderLm.load(base, null, Device.cpu(), 0);
        NDManager scope = model.manager().newSubManager()) {
      DistilledLmTask.Parts parts = task.parts(model, model.inferenceStore(), scope, s.rows(),
          false);
      float[] logits = parts.logits().toFloatArray();
      int width = (int) parts.logits().getShape().get(1);
      int v = (int) parts.logits().getShape().get(2);
      double nllSum = 0;
      double klSum = 0;
      int targets = 0;
      int aligned = 0;
      for (int r = 0; r < s.rows().size(); r++) {
        long[] ids = s.rows().get(r).row().ids();
        long[] labels = s.rows().get(r).row().labels();
        int[] tail = java.util.Arrays.stream(TAILS[r].split(" ")).mapToInt(vocab::get)
            .toArray();
        int start = lastRun(ids, tail);
        List<String> words = reply(r, false);
        for (int pos = 0; pos < labels.length; pos++) {
          if (labels[pos] == -100) {
            continue;
          }
          int at = (r * width + pos) * v;
          double nll = -logSoftmax(logits, at, v, 1)[(int) labels[pos]];
          targets++;
          int i = pos + 1 - start;
          if (r < ALIGNED && i >= 0 && i < tail.length) {
            aligned++;
            List<String> top = topWords(words, 2 + i);
            double kl = forwardKl(logits, at, top, vocab, t);
            klSum += kl;
            nllSum += (1 - a) * nll;
          } else {
            nllSum += nll;
          }
        }
      }
      // "to find water", "to go out", "to make time", "to write", "to see people"
      assertThat(aligned).isEqualTo(14);
      assertThat(parts.aligned()).isEqualTo(aligned);
      assertThat((double) parts.divergence().getFloat()).isCloseTo(klSum / aligned,
          within(1e-4 * Math.max(1, klSum / aligned)));
      double total = (nllSum + a * klSum) / targets;
      assertThat((double) parts.total().getFloat()).isCloseTo(total, within(1e-4 * total));
    }
  }

  /** The teacher's top-4 words at position p of a reply, as {@link #logprobs} wrote them. */
  private static List<String> topWords(List<String> words, int p) {
    TokenLogprobs lp = logprobs(words);
    List<String> out = new ArrayList<>();
    for (int j = 0; j < lp.counts()[p]; j++) {
      out.add(lp.alternative(p, j).text());
    }
    return out;
  }

  /** KL(p || q) × T² on the teacher's top-k, both renormalised there, in double precision. */
  private static double forwardKl(float[] logits, int at, List<String> top,
      Map<String, Integer> vocab, double t) {
    int k = top.size();
    double[] s = new double[k];
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      s[j] = logits[at + vocab.get(top.get(j))] / t;
      p[j] = LOGPROBS[j] / t;
    }
    double[] logQ = logSoftmax(s, 0, k, 1);
    double[] logP = logSoftmax(p, 0, k, 1);
    double kl = 0;
    for (int j = 0; j < k; j++) {
      kl += Math.exp(logP[j]) * (logP[j] - logQ[j]);
    }
    return kl * t * t;
  }

  private static double[] logSoftmax(float[] x, int at, int n, double t) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = x[at + i];
    }
    return logSoftmax(d, 0, n, t);
  }

  private static double[] logSoftmax(double[] x, int at, int n, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[at + i] / t);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(x[at + i] / t - max);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = x[at + i] / t - max - Math.log(sum);
    }
    return out;
  }

  private static int lastRun(long[] hay, int[] needle) {
    outer:
    for (int s = hay.length - needle.length; s >= 0; s--) {
      for (int i = 0; i < needle.length; i++) {
        if (hay[s + i] != needle[i]) {
          continue outer;
        }
      }
      return s;
    }
    throw new AssertionError("target not in row");
  }

  @Test
  void unalignedExamplesFallBackAndAreCounted() throws Exception {
    write(false);
    Setup s = setup();
    s.chats().close();
    assertThat(s.rows()).hasSize(8);
    for (int r = 0; r < 8; r++) {
      assertThat(s.rows().get(r).teacher() != null).as("row " + r).isEqualTo(r < ALIGNED);
    }
    // The span ends before <|im_end|>: the teacher never wrote it, so it keeps plain NLL.
    assertThat(s.rows().get(0).teacher().teacherStart()).isEqualTo(2);
    assertThat(s.rows().get(0).teacher().count()).isEqualTo(3);
    assertThat(s.log()).anyMatch(l -> l.startsWith("5 of 8 examples have teacher"
        + " log-probabilities aligned (1 without a request hash, 1 without a line in ")
        && l.contains(", 1 whose target is no run of the teacher's tokens)"));
  }

  @Test
  void trainingOnTheTeacherAloneMovesTheStudentTowardsItsTopK() throws Exception {
    write(false);
    StudentConfig config = config("kd", "{max_tokens: 64, distillation:"
        + " {divergence: forward_kl, kd_weight: 1, temperature: 1}}");
    assertThat(config.decoder().distillation().file(config.train()))
        .isEqualTo(dir.resolve("logprobs.jsonl").toAbsolutePath());
    List<String> lines = new ArrayList<>();
    RunReport report = Training.train(config.withEpochs(6), RetrieverSource.none(), lines::add);
    assertThat(report.history()).hasSize(6);
    assertThat(lines).anyMatch(l -> l.startsWith("5 of 8 examples have teacher"));
    Setup s = setup();
    DistilledLmTask task = new DistilledLmTask(
        config.decoder().distillation().settings(), s.teacher());
    try (DecoderChats chats = s.chats()) {
      double before = divergence(base, task, s.rows());
      double after = divergence(RunFolder.model(config.out()), task, s.rows());
      assertThat(after).isLessThan(before * 0.5);
    }
  }

  private static double divergence(Path folder, DistilledLmTask task, List<DistilledRow> rows)
      throws Exception {
    try (DecoderLm model = DecoderLm.load(folder, null, Device.cpu(), 0);
        NDManager scope = model.manager().newSubManager()) {
      return task.parts(model, model.inferenceStore(), scope, rows, false).divergence()
          .getFloat();
    }
  }

  @Test
  void aTeacherWhoseTokensTheStudentLacksIsRefusedWithTheCounts() throws Exception {
    write(true);
    StudentConfig config = config("foreign", "{max_tokens: 64, distillation: {}}");
    assertThatThrownBy(() -> Training.train(config, RetrieverSource.none(), l -> { }))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(dir.resolve("logprobs.jsonl").toString())
        .hasMessageContaining(base.resolve("tokenizer.json").toString())
        .hasMessageContaining("tiny-teacher")
        .hasMessageMatching("(?s).*: (\\d+) of \\1 tokens of teacher .*");
  }

  @Test
  void settingsNameTheirFields() throws Exception {
    write(false);
    assertThat(config("c1", "{distillation: {divergence: skew_reverse_kl}}").decoder()
        .distillation().settings().divergence()).isEqualTo(Divergence.SKEW_REVERSE_KL);
    assertThatThrownBy(() -> config("c2", "{distillation: {divergence: js}}"))
        .hasMessageContaining("decoder.distillation.divergence");
    assertThatThrownBy(() -> config("c3", "{distillation: {kd_weight: 2}}"))
        .hasMessageContaining("decoder.distillation.kd_weight");
    DecoderSettings.Distillation d = config("c4",
        "{distillation: {logprobs: teacher/lp.jsonl}}").decoder().distillation();
    assertThat(d.logprobs()).isEqualTo(dir.resolve("teacher/lp.jsonl").toAbsolutePath()
        .normalize());
    StudentConfig missing = config("c5", "{distillation: {logprobs: none.jsonl}}");
    assertThatThrownBy(() -> Training.train(missing, RetrieverSource.none(), l -> { }))
        .hasMessageContaining("none.jsonl")
        .hasMessageContaining("decoder.distillation.logprobs");
  }
}
