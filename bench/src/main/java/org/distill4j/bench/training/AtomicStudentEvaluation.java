package org.distill4j.bench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.model.Decoding;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.train.RunReport;
import org.distill4j.training.config.StudentConfig;

/**
 * Trains the generative student on ATOMIC 2019 triples (head + relation to tail) and scores it on
 * events it never saw: exact match and BLEU-2 against all human tails of the same event and
 * relation, beside the most-frequent-tail-per-relation baseline. Events, not triples, are split,
 * so no test event appears in training. Writes corpora, config and run under {@code --work}.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.AtomicStudentEvaluation \
 *   --atomic ../shared/data/atomic2019/v4_atomic_dev.csv --work /tmp/d4j-atomic \
 *   --train-events 2000 --test-events 100 --epochs 3 --learning-rate 0.002 --vocabulary 2000 \
 *   --beam 4
 * </pre>
 *
 * <p>{@code --student decoder} trains a model of the same size on the decoder code path instead
 * ({@code student: decoder} on a new Llama-shaped folder with a word-level vocabulary of
 * {@code --vocabulary} words, chats packed into rows, AdamW with warm-up and linear decay).
 *
 * <p>Dev and test are both scored with greedy decoding and with a beam of {@code --beam} (1 for
 * greedy only); the decoding to report is the one that does better on dev.
 */
public final class AtomicStudentEvaluation {
  private AtomicStudentEvaluation() {}

  public static void main(String[] argv) throws Exception {
    Options o = Options.parse(new BenchArgs(argv));
    Files.createDirectories(o.work());
    splitByEvent(o);
    if (o.decoder()) {
      writeDecoderBase(o);
    }
    StudentConfig c = StudentConfig.read(o.decoder() ? writeDecoderConfig(o) : writeConfig(o));
    long start = System.nanoTime();
    RunReport report = org.distill4j.training.Training.train(c, RetrieverSource.none(),
        System.out::println);
    double minutes = (System.nanoTime() - start) / 60e9;
    System.out.printf("trained %d epochs (best %d) in %.1f min%n", report.epochsRun(),
        report.bestEpoch(), minutes);
    Path best = org.distill4j.training.Training.bestCheckpoint(c);
    // Decoding is chosen on dev; test is scored with greedy and the beam alike and both are shown.
    List<Decoding> decodings = o.beam() > 1
        ? List.of(Decoding.greedy(), Decoding.beam(o.beam())) : List.of(Decoding.greedy());
    for (String split : List.of("dev", "test")) {
      for (Decoding d : decodings) {
        score(c, best, o.work(), split, d);
      }
    }
  }

  /** The command line, with the defaults of a full run. */
  private record Options(Path atomic, Path work, int trainEvents, int testEvents, int epochs,
      String learningRate, int vocabulary, int batchSize, int beam, int decayFrom,
      String decayFinal, boolean decoder, double attentionDropout, String weightDecay) {
    static Options parse(BenchArgs args) {
      return new Options(
          args.path("atomic", "../shared/data/atomic2019/v4_atomic_dev.csv"),
          args.path("work", "/tmp/d4j-atomic"),
          args.integer("train-events", 3000),
          args.integer("test-events", 300),
          args.integer("epochs", 6),
          args.text("learning-rate", "0.001"),
          args.integer("vocabulary", 3000),
          args.integer("batch-size", 64),
          args.integer("beam", 4),
          // 0: a constant rate; else decay linearly from this epoch to --decay-final x the rate.
          args.integer("decay-from", 0),
          args.text("decay-final", "0.1"),
          // "decoder": the same-sized model on the decoder code path (student: decoder on a new
          // Llama-shaped folder with a word-level vocabulary), trained from scratch.
          args.text("student", "generative").equals("decoder"),
          Double.parseDouble(args.text("attention-dropout", "0")),
          args.text("weight-decay", "0.01"));
    }
  }

  /** The distinct triples of the ATOMIC CSV grouped by event (head), in file order. */
  private record Events(Map<String, List<CorpusRecord>> byEvent, long rows, int triples) {
    static Events read(Path atomic) {
      Map<String, List<CorpusRecord>> byEvent = new LinkedHashMap<>();
      AtomicCsvImporter.Counts counts = new AtomicCsvImporter.Counts();
      Set<String> seen = new HashSet<>();
      try (Stream<CorpusRecord> records = new AtomicCsvImporter().read(atomic, counts)) {
        records.forEach(r -> {
          if (seen.add(r.id())) {
            byEvent.computeIfAbsent(((CommonsenseTriple) r.knowledge()).head(),
                k -> new ArrayList<>()).add(r);
          }
        });
      }
      return new Events(byEvent, counts.rows(), seen.size());
    }
  }

  /**
   * Writes train, dev and test corpora of disjoint events under {@code --work}: the test events
   * first, then dev, then train from one seeded shuffle.
   */
  private static void splitByEvent(Options o) {
    Events all = Events.read(o.atomic());
    Map<String, List<CorpusRecord>> byEvent = all.byEvent();
    List<String> events = new ArrayList<>(byEvent.keySet());
    Collections.shuffle(events, new Random(2019));
    int testEvents = o.testEvents();
    int devEvents = Math.max(50, testEvents / 2);
    List<String> test = events.subList(0, testEvents);
    List<String> dev = events.subList(testEvents, testEvents + devEvents);
    List<String> train = events.subList(testEvents + devEvents,
        Math.min(events.size(), testEvents + devEvents + o.trainEvents()));
    long trainTriples = write(o.work().resolve("train.jsonl"), train, byEvent);
    long devTriples = write(o.work().resolve("dev.jsonl"), dev, byEvent);
    long testTriples = write(o.work().resolve("test.jsonl"), test, byEvent);
    System.out.printf("ATOMIC: %d rows, %d distinct triples over %d events; train %d events"
        + " (%d triples), dev %d (%d), test %d (%d)%n", all.rows(), all.triples(),
        events.size(), train.size(), trainTriples, dev.size(), devTriples, test.size(),
        testTriples);
  }

  private static Path writeConfig(Options o) throws IOException {
    return Files.writeString(o.work().resolve("atomic.yaml"), String.join("\n",
        "student: generative",
        "train: train.jsonl",
        "dev: dev.jsonl",
        "out: run",
        "seed: 42",
        "device: auto",
        "epochs: " + o.epochs(),
        "batch_size: " + o.batchSize(),
        "learning_rate: " + o.learningRate(),
        "patience: 2",
        "vocabulary_size: " + o.vocabulary(),
        "model: {embedding: 128, heads: 4, layers: 2, hidden: 256, max_length: 40,"
            + " dropout: 0.1}",
        "evaluation: {limit: 200, max_new_tokens: 12}",
        o.decayFrom() > 0 ? "learning_rate_decay: {from_epoch: " + o.decayFrom()
            + ", final_factor: " + o.decayFinal() + "}" : "", ""));
  }

  /**
   * A new Llama-shaped decoder of the generative student's size (width 128, 4 heads, 2 layers,
   * feed-forward 256) with a word-level vocabulary of the training texts, in {@code work/base}.
   */
  private static void writeDecoderBase(Options o) throws IOException {
    List<String> texts = new ArrayList<>();
    for (var e : org.distill4j.training.data.CorpusExamples.read(o.work().resolve("train.jsonl"),
        null, false).examples()) {
      texts.add(e.input());
      texts.add(e.target());
    }
    List<String> vocabulary =
        org.distill4j.neural.decoder.init.WordVocabulary.learn(texts, o.vocabulary());
    org.distill4j.neural.decoder.init.DecoderInit.write(o.work().resolve("base"),
        new org.distill4j.neural.decoder.init.DecoderShape(128, 2, 4, 4, 256, 64,
            o.attentionDropout()), vocabulary, 42);
    System.out.printf("new decoder in %s: %d-word vocabulary%n", o.work().resolve("base"),
        vocabulary.size());
  }

  private static Path writeDecoderConfig(Options o) throws IOException {
    return Files.writeString(o.work().resolve("atomic.yaml"), String.join("\n",
        "student: decoder", "base: base", "train: train.jsonl", "dev: dev.jsonl", "out: run",
        "seed: 42", "device: auto", "epochs: " + o.epochs(), "batch_size: " + o.batchSize(),
        "learning_rate: " + o.learningRate(), "patience: 2",
        "decoder: {max_tokens: 64, pack: true, warmup_fraction: 0.03, weight_decay: "
            + o.weightDecay() + "}",
        "evaluation: {limit: 200, max_new_tokens: 12}", ""));
  }

  /** Scores the best checkpoint on one split with one decoding; keeps the report as JSON. */
  private static void score(StudentConfig c, Path best, Path work, String split, Decoding d)
      throws IOException {
    String name = d.isBeam() ? "beam" + d.beamWidth() : "greedy";
    long t0 = System.nanoTime();
    EvaluationReport eval = StudentEvaluation.evaluate(c, best,
        work.resolve(split + ".jsonl"), RetrieverSource.none(), 0, null, d);
    Files.writeString(work.resolve(split + "-report-" + name + ".json"),
        CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(eval));
    System.out.printf("%s (%d distinct event + relation inputs), %s (%.1f s):%n", split,
        eval.withoutRetrieval().items(), name, (System.nanoTime() - t0) / 1e9);
    System.out.printf("  student : exact match %.4f, BLEU-2 %.4f%n",
        eval.withoutRetrieval().exactMatch(), eval.withoutRetrieval().bleu2());
    System.out.printf("  baseline: exact match %.4f, BLEU-2 %.4f (%s)%n",
        eval.baseline().exactMatch(), eval.baseline().bleu2(),
        eval.baseline().description());
  }

  private static long write(Path file, List<String> events,
      Map<String, List<CorpusRecord>> byEvent) {
    long n = 0;
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (String e : events) {
        for (CorpusRecord r : byEvent.get(e)) {
          w.write(r);
          n++;
        }
      }
    }
    return n;
  }
}
