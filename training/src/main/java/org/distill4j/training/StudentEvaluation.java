package org.distill4j.training;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.MiniLm;
import org.distill4j.training.data.CorpusExamples;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.neural.device.Precision;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.eval.GenerationScores;
import org.distill4j.training.eval.MostFrequentTargetBaseline;
import org.distill4j.training.model.Decoding;
import org.distill4j.training.model.GenerativeStudent;
import org.distill4j.training.model.ScorerStudent;
import org.distill4j.training.retrieval.FactPrefixAugmenter;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.training.train.EncoderInputs;
import org.distill4j.training.train.EncoderScores;
import org.distill4j.training.train.DecoderTraining;
import org.distill4j.training.train.GenerativeTraining;
import org.distill4j.training.train.GenerativeWork;
import org.distill4j.training.train.ScorerTraining;
import org.distill4j.training.train.ScorerWork;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.config.StudentType;

/**
 * Scores a checkpoint on a corpus: exact match and BLEU-2 for a generative student (beside the
 * most-frequent-target baseline), accuracy for a scorer or an encoder student (beside the
 * majority-position baseline; average precision too for an encoder judging validity). When the
 * config has retrieval, both the plain and the augmented inputs are scored.
 */
public final class StudentEvaluation {
  private StudentEvaluation() {}

  /**
   * Evaluates {@code checkpoint} on {@code data}.
   *
   * @param limit the most distinct inputs to decode (generation); 0 for all
   */
  public static EvaluationReport evaluate(StudentConfig config, Path checkpoint, Path data,
      RetrieverSource retrievers, int limit) throws IOException {
    return evaluate(config, checkpoint, data, retrievers, limit,
        config.student() == StudentType.SCORER ? MiniLm.memoizing() : null);
  }

  /** As {@link #evaluate(StudentConfig, Path, Path, RetrieverSource, int)} with an encoder. */
  public static EvaluationReport evaluate(StudentConfig config, Path checkpoint, Path data,
      RetrieverSource retrievers, int limit, TextEmbedder encoder) throws IOException {
    return evaluate(config, checkpoint, data, retrievers, limit, encoder, Decoding.greedy());
  }

  /** As above, decoding a generative student with {@code decoding} (greedy or sampled). */
  public static EvaluationReport evaluate(StudentConfig config, Path checkpoint, Path data,
      RetrieverSource retrievers, int limit, TextEmbedder encoder, Decoding decoding)
      throws IOException {
    if (config.student() == StudentType.ENCODER) {
      return encoder(config, checkpoint, data, retrievers);
    }
    Device device = DeviceChoice.parse(config.device()).resolve();
    boolean scorer = config.student() == StudentType.SCORER;
    boolean choice = scorer && config.scorer().task().equals("choice");
    List<TrainingExample> examples =
        CorpusExamples.read(data, config.weightScore(), scorer && !choice, choice).examples();
    List<TrainingExample> augmented = null;
    if (config.retrieval() != null) {
      augmented = new FactPrefixAugmenter(retrievers.open(config.retrieval()),
          config.retrieval().k()).augmentAll(examples);
    }
    if (scorer) {
      try (ScorerStudent student = ScorerTraining.loadCheckpoint(checkpoint, encoder, device)) {
        EvaluationReport.Scores plain = scorerScores(student, choice, examples, "plain inputs");
        EvaluationReport.Scores withFacts = augmented == null ? null
            : scorerScores(student, choice, augmented, "inputs with " + config.retrieval().k()
                + " retrieved facts (" + config.retrieval().mode() + ")");
        return new EvaluationReport(config.student().configName(), checkpoint.toString(), data.toString(),
            examples.size(), plain, withFacts, majorityBaseline(examples, choice));
      }
    }
    List<TrainingExample> train = CorpusExamples.read(config.train(), null, false).examples();
    if (config.dev() == null) {
      // The run held part of train out as dev; the baseline must not count those either.
      train = org.distill4j.training.train.RunData.splitByInput(train, config.devFraction(),
          config.seed()).get(0);
    }
    if (config.student() == StudentType.DECODER) {
      return decoder(config, checkpoint, data, examples, augmented, train, limit, device,
          decoding);
    }
    try (GenerativeStudent student = GenerativeTraining.loadCheckpoint(checkpoint, device)) {
      int max = limit <= 0 ? Integer.MAX_VALUE : limit;
      int newTokens = config.evaluation().maxNewTokens();
      GenerationScores plain = GenerativeWork.decode(student, examples, max, newTokens,
          config.batchSize(), decoding);
      EvaluationReport.Scores withFacts = null;
      if (augmented != null) {
        GenerationScores g = GenerativeWork.decode(student, augmented, max, newTokens,
            config.batchSize(), decoding);
        withFacts = new EvaluationReport.Scores(g.items(), g.exactMatch(), g.bleu2(), null,
            "inputs with " + config.retrieval().k() + " retrieved facts ("
                + config.retrieval().mode() + ")");
      }
      return new EvaluationReport(config.student().configName(), checkpoint.toString(), data.toString(),
          examples.size(),
          new EvaluationReport.Scores(plain.items(), plain.exactMatch(), plain.bleu2(), null,
              "plain inputs, " + describe(decoding)),
          withFacts, generationBaseline(train, examples, max));
    }
  }

  /** The decoder student's merged model folder on {@code data}, greedy, as in training. */
  private static EvaluationReport decoder(StudentConfig config, Path model, Path data,
      List<TrainingExample> examples, List<TrainingExample> augmented,
      List<TrainingExample> train, int limit, Device device, Decoding decoding)
      throws IOException {
    int max = limit <= 0 ? Integer.MAX_VALUE : limit;
    int newTokens = config.evaluation().maxNewTokens();
    // Beam search ranks by total log-probability (length penalty 0), as the generative
    // student's does; sampling has no top-k here, only temperature.
    GenerationSettings settings = decoding.isBeam()
        ? new GenerationSettings(newTokens, 0, 1, decoding.beamWidth(), 0, 0, Set.of())
        : decoding.isGreedy() ? GenerationSettings.greedy(newTokens, Set.of())
        : new GenerationSettings(newTokens, decoding.temperature(), 1, 1, 1, decoding.seed(),
            Set.of());
    GenerationScores plain = DecoderTraining.decode(model, config.decoder(), device, examples,
        max, settings);
    EvaluationReport.Scores withFacts = null;
    if (augmented != null) {
      GenerationScores g = DecoderTraining.decode(model, config.decoder(), device, augmented,
          max, settings);
      withFacts = new EvaluationReport.Scores(g.items(), g.exactMatch(), g.bleu2(), null,
          "inputs with " + config.retrieval().k() + " retrieved facts ("
              + config.retrieval().mode() + ")");
    }
    return new EvaluationReport(config.student().configName(), model.toString(),
        data.toString(), examples.size(),
        new EvaluationReport.Scores(plain.items(), plain.exactMatch(), plain.bleu2(), null,
            "plain inputs in the model's chat template, " + describe(decoding)),
        withFacts, generationBaseline(train, examples, max));
  }

  /**
   * The encoder student's model folder on {@code data}: accuracy (choice), or accuracy and
   * average precision (validity); with the config's retrieval, both with facts given per
   * candidate and without any.
   */
  private static EvaluationReport encoder(StudentConfig config, Path model, Path data,
      RetrieverSource retrievers) throws IOException {
    boolean choice = config.scorer().task().equals("choice");
    List<TrainingExample> examples =
        CorpusExamples.read(data, config.weightScore(), !choice, choice).examples();
    EncoderInputs inputs = EncoderInputs.of(config, retrievers);
    Device device = DeviceChoice.parse(config.device()).resolve();
    try (BertClassifier student = BertClassifier.load(model, config.encoder().maxTokens(),
        device)) {
      student.setScoringType(Precision.parse(config.encoder().precision()).resolve(device));
      EvaluationReport.Scores withFacts = !inputs.retrieves() ? null
          : encoderScores(student, choice, inputs, examples, config.retrieval().k()
              + " facts retrieved (" + config.retrieval().mode() + ") for each candidate");
      EvaluationReport.Scores plain = encoderScores(student, choice, inputs.withoutFacts(),
          examples, inputs.retrieves() ? "no facts" : "question and candidate");
      return new EvaluationReport(config.student().configName(), model.toString(),
          data.toString(), examples.size(), plain, withFacts, majorityBaseline(examples, choice));
    }
  }

  private static EvaluationReport.Scores encoderScores(BertClassifier student, boolean choice,
      EncoderInputs inputs, List<TrainingExample> examples, String description) {
    EncoderScores s = choice ? EncoderScores.choice(student, inputs.questions(examples))
        : EncoderScores.validity(student, inputs.labelled(examples));
    return new EvaluationReport.Scores(s.items(), null, null, s.accuracy(), s.averagePrecision(),
        description);
  }

  private static String describe(Decoding d) {
    if (d.isBeam()) {
      return "beam search of width " + d.beamWidth();
    }
    return d.isGreedy() ? "greedy decoding" : "sampled decoding (temperature " + d.temperature()
        + ", top-k " + d.topK() + ", seed " + d.seed() + ")";
  }

  private static EvaluationReport.Scores scorerScores(ScorerStudent student, boolean choice,
      List<TrainingExample> examples, String description) {
    ScorerWork.Evaluation e = ScorerWork.evaluate(student, choice, examples,
        student.features(examples), 256);
    return new EvaluationReport.Scores(e.examples(), null, null, e.accuracy(), description);
  }

  /** Always the most frequent answer position (choice) or the most frequent verdict. */
  static EvaluationReport.Scores majorityBaseline(List<TrainingExample> examples,
      boolean choice) {
    Map<Object, Integer> counts = new java.util.HashMap<>();
    for (TrainingExample e : examples) {
      counts.merge(choice ? (Object) e.targetIndex() : (Object) e.valid(), 1, Integer::sum);
    }
    int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return new EvaluationReport.Scores(examples.size(), null, null,
        examples.isEmpty() ? 0 : best / (double) examples.size(),
        choice ? "always the most frequent answer position (an upper bound on that baseline,"
            + " since the position is picked on the evaluated data)" : "always the majority"
            + " verdict");
  }

  static EvaluationReport.Scores generationBaseline(List<TrainingExample> train,
      List<TrainingExample> examples, int limit) {
    MostFrequentTargetBaseline baseline = new MostFrequentTargetBaseline(train);
    Map<String, List<String>> limited = GenerationScores.referencesByInput(examples, limit);
    List<String> outputs = new ArrayList<>();
    for (String input : limited.keySet()) {
      outputs.add(baseline.predict(input));
    }
    GenerationScores g = GenerationScores.score(limited, outputs);
    return new EvaluationReport.Scores(g.items(), g.exactMatch(), g.bleu2(), null,
        "most frequent training target for the input's last word (the relation, for triples)");
  }
}
