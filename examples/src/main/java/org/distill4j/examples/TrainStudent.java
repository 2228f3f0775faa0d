package org.distill4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.training.Training;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.train.RunReport;

/**
 * Trains a tiny generative Transformer from scratch on a corpus of records (input: a triple's
 * event and relation, a question...; target: the tail, the answer...), on the CPU in seconds.
 * Real runs use a bigger model and more epochs (pipelines/students/), or fine-tune a pretrained
 * encoder or decoder ({@code student(StudentType.ENCODER)} with {@code base(folder)}).
 *
 * <p>Arguments: {@code [CORPUS [OUT_DIR]]}, by default {@code corpora/examples/mixed.jsonl} into
 * {@code runs/java-example/student}.
 */
public final class TrainStudent {
  private TrainStudent() {}

  public static void main(String[] args) throws IOException {
    Path corpus = args.length > 0 ? Path.of(args[0]) : Repo.file("corpora/examples/mixed.jsonl");
    run(corpus, Path.of(args.length > 1 ? args[1] : "runs/java-example/student"));
  }

  /** Trains (or resumes) into {@code out}; returns the run's report. */
  public static RunReport run(Path corpus, Path out) throws IOException {
    StudentConfig config = StudentConfig.builder(corpus, out)
        .device("cpu")
        .epochs(3)
        .batchSize(4)
        .learningRate(5e-3)
        .vocabularySize(300)
        // embedding 32, 2 heads, 1 layer, feed-forward 64, sequences of 32 tokens, no dropout
        .model(new StudentConfig.ModelSettings(32, 2, 1, 64, 32, 0f))
        .evaluation(new StudentConfig.EvaluationSettings(4, 8))
        .build();
    RunReport report = Training.train(config, System.out::println);
    System.out.printf("best epoch %d of %d, dev loss %.3f; model: %s%n", report.bestEpoch(),
        report.epochsRun(), report.bestDevLoss(), Training.bestCheckpoint(config));
    return report;
  }
}
