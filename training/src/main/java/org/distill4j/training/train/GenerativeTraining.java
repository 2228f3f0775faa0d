package org.distill4j.training.train;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.loss.StudentLoss;
import org.distill4j.training.model.GenerativeStudent;
import org.distill4j.training.model.TransformerSize;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.tokenizer.BytePairTokenizer;
import org.distill4j.training.tokenizer.HuggingFaceTextTokenizer;
import org.distill4j.training.tokenizer.TextTokenizer;
import org.distill4j.training.tokenizer.TokenizerFiles;

/** Runs a generative student's training from a config: data, tokenizer, teacher, epochs. */
public final class GenerativeTraining {
  static final String SIZE_FILE = "model-size.json";

  private GenerativeTraining() {}

  /** Trains (or resumes) the run {@code config} describes. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log) throws IOException {
    return run(config, retrievers, log, epoch -> { }, null);
  }

  /**
   * Trains (or resumes), calling {@code afterEpoch} after each checkpoint; when {@code stepLosses}
   * is not null every step's loss is added to it.
   */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log, Consumer<Integer> afterEpoch, List<Float> stepLosses)
      throws IOException {
    Device device = DeviceChoice.parse(config.device()).resolve();
    DeviceChoice.seedEngine(config.seed());
    RunData data = RunData.prepare(config, false, false, retrievers);
    Files.createDirectories(config.out());
    GenerativeStudent teacher = null;
    TextTokenizer tokenizer;
    if (config.distillation() != null) {
      teacher = loadTeacher(config.distillation().teacher(), device);
    }
    tokenizer = chooseTokenizer(config, data.train(), teacher);
    if (teacher != null && !teacher.tokenizer().fingerprint().equals(tokenizer.fingerprint())) {
      String message = "token-level distillation needs the teacher's vocabulary, but the teacher"
          + " in " + config.distillation().teacher() + " and this student tokenize differently;"
          + " leave \"tokenizer\" unset to reuse the teacher's, or remove \"distillation\" to"
          + " train on the teacher's text (sequence-level)";
      teacher.close();
      throw new InputException(message);
    }
    TransformerSize size = config.model().size();
    if (teacher != null && teacher.size().maxLength() < size.maxLength()) {
      teacher.close();
      throw new InputException("the teacher's max_length (" + teacher.size().maxLength()
          + ") is shorter than the student's (" + size.maxLength() + "); lower model.max_length");
    }
    StudentLoss loss = config.distillation() == null ? new StudentLoss()
        : new StudentLoss(config.distillation().settings());
    try (GenerativeStudent student = GenerativeStudent.create(size, tokenizer, device)) {
      GenerativeWork work = new GenerativeWork(student, teacher, loss, data.train(), data.dev(),
          config);
      try (work) {
        EpochLoop.Work sized = withSizeFile(work, size);
        RunReport report = EpochLoop.run(config, sized,
            new EpochLoop.Counts(data.train().size(), data.dev().size(), data.skippedRejected()),
            log, afterEpoch);
        if (stepLosses != null) {
          stepLosses.addAll(work.stepLosses());
        }
        return report;
      }
    } finally {
      if (teacher != null) {
        teacher.close();
      }
    }
  }

  /** Loads the best checkpoint of a finished generative run (for evaluation or as a teacher). */
  public static GenerativeStudent loadCheckpoint(Path checkpoint, Device device)
      throws IOException {
    Path sizeFile = checkpoint.resolve(SIZE_FILE);
    if (!Files.isRegularFile(sizeFile)) {
      throw new InputException(new SourceLocation(checkpoint, 0),
          "not a generative student checkpoint (no " + SIZE_FILE + ")");
    }
    TransformerSize size = CorpusJson.json().readValue(sizeFile.toFile(), TransformerSize.class);
    return GenerativeStudent.load(checkpoint, size, TokenizerFiles.load(checkpoint), device);
  }

  private static GenerativeStudent loadTeacher(Path teacherRun, Device device)
      throws IOException {
    Path best = Files.isRegularFile(teacherRun.resolve(SIZE_FILE)) ? teacherRun
        : EpochLoop.bestCheckpoint(teacherRun);
    if (best == null) {
      throw new InputException(new SourceLocation(teacherRun, 0),
          "no teacher checkpoint here: give a run folder of a trained generative student or one"
              + " of its checkpoint folders");
    }
    return loadCheckpoint(best, device);
  }

  private static TextTokenizer chooseTokenizer(StudentConfig config,
      List<TrainingExample> train, GenerativeStudent teacher) throws IOException {
    if (config.tokenizer() != null) {
      return HuggingFaceTextTokenizer.load(config.tokenizer());
    }
    if (teacher != null) {
      return teacher.tokenizer();
    }
    Path saved = config.out().resolve("tokenizer");
    if (Files.isDirectory(saved)) {
      return TokenizerFiles.load(saved); // a resumed run keeps the vocabulary it started with
    }
    List<String> texts = new ArrayList<>();
    for (TrainingExample e : train) {
      texts.add(e.input());
      texts.add(e.target());
    }
    BytePairTokenizer learnt = BytePairTokenizer.learn(texts, config.vocabularySize());
    learnt.save(saved);
    return learnt;
  }

  private static EpochLoop.Work withSizeFile(GenerativeWork work, TransformerSize size) {
    return new EpochLoop.Work() {
      @Override
      public EpochLoop.TrainResult trainEpoch(int epoch, java.util.Random random) {
        return work.trainEpoch(epoch, random);
      }

      @Override
      public EpochLoop.DevResult dev() {
        return work.dev();
      }

      @Override
      public void save(Path dir) throws IOException {
        work.save(dir);
        CorpusJson.json().writeValue(dir.resolve(SIZE_FILE).toFile(), size);
      }

      @Override
      public void load(Path dir) throws IOException {
        work.load(dir);
      }
    };
  }
}
