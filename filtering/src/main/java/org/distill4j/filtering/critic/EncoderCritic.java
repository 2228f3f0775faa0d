package org.distill4j.filtering.critic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ClassificationTask;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneResult;

/**
 * The critic as a fine-tuned BERT-family cross-encoder: the text (or the text and its pair,
 * joined by {@value #PAIR_SEPARATOR}) read as one input by a binary
 * {@code BertForSequenceClassification}, whose accept probability is the score. Slower than the
 * embedding network per item, but it reads question and explanation together. Saved as a
 * Hugging Face folder plus {@value #INFO_FILE} with the threshold.
 */
public final class EncoderCritic implements SavedCritic {
  /** How a table's --pair column is joined to its text; the encoder splits it back. */
  public static final String PAIR_SEPARATOR = " [SEP] ";
  /** Beside the Hugging Face files: the threshold and how inputs were cut. */
  public static final String INFO_FILE = "critic.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 64;

  /** What {@value #INFO_FILE} holds for an encoder critic. */
  public record EncoderInfo(String kind, double threshold, int maxTokens, int trainedOn) {}

  private final BertClassifier model;
  private final EncoderInfo info;
  private final TuneResult training;

  private EncoderCritic(BertClassifier model, EncoderInfo info, TuneResult training) {
    this.model = model;
    this.info = info;
    this.training = training;
  }

  /** How training went (epochs, dev scores, best epoch); null for a loaded critic. */
  public TuneResult training() {
    return training;
  }

  /**
   * Fine-tunes the encoder in {@code base} on {@code train}, scoring {@code dev} (may be empty)
   * each epoch for early stopping. Side features are not read: the encoder sees text only.
   */
  public static EncoderCritic train(EncoderSettings settings, List<CriticExample> train,
      List<CriticExample> dev, TuneListener listener) {
    BertClassifier model = null;
    try {
      model = BertClassifier.create(settings.base(), BertHead.binary("rejected", "accepted"),
          settings.lora(), settings.maxTokens(), settings.tune().seed());
      List<LabelledText> examples = labelled(train);
      ClassificationTask task = new ClassificationTask(settings.balanced()
          ? ClassificationTask.balancedWeights(examples, 2) : null, BATCH);
      TuneResult result = new FineTuner<>(model, task, settings.tune(), listener)
          .freezingLowest(settings.frozenLayers()).run(examples, labelled(dev), null);
      return new EncoderCritic(model, new EncoderInfo("encoder", 0.5, settings.maxTokens(),
          train.size()), result);
    } catch (IOException e) {
      close(model);
      throw new InputException(e.getMessage());
    } catch (RuntimeException e) {
      close(model);
      throw e;
    }
  }

  /** Loads a critic {@link #save} wrote. */
  public static EncoderCritic load(Path dir) {
    Path file = dir.resolve(INFO_FILE);
    try {
      EncoderInfo info = Files.isRegularFile(file)
          ? JSON.readValue(file.toFile(), EncoderInfo.class)
          : new EncoderInfo("encoder", 0.5, 128, 0);
      return new EncoderCritic(BertClassifier.load(dir, info.maxTokens()), info, null);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    }
  }

  @Override
  public void save(Path dir) {
    try {
      model.save(dir);
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INFO_FILE).toFile(), info);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pair a text stands for: split at {@value #PAIR_SEPARATOR}, or the text alone. */
  public static TextPair pairOf(String text) {
    int at = text.indexOf(PAIR_SEPARATOR);
    return at < 0 ? TextPair.of(text)
        : new TextPair(text.substring(0, at), text.substring(at + PAIR_SEPARATOR.length()));
  }

  @Override
  public boolean embedsTexts() {
    return false;
  }

  @Override
  public List<String> sideFeatures() {
    return List.of();
  }

  /** Acceptance probabilities; {@code side} must be empty rows (the encoder reads text only). */
  @Override
  public float[] score(List<String> texts, double[][] side) {
    float[][] logits = model.logits(texts.stream().map(EncoderCritic::pairOf).toList(), BATCH);
    float[] out = new float[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (1 / (1 + Math.exp(logits[i][0] - logits[i][1])));
    }
    return out;
  }

  @Override
  public float[] scoreRecords(List<CorpusRecord> records) {
    return score(records.stream().map(r -> r.knowledge().text()).toList(), new double[0][]);
  }

  @Override
  public EncoderCritic withThreshold(double threshold) {
    return new EncoderCritic(model, new EncoderInfo(info.kind(), threshold, info.maxTokens(),
        info.trainedOn()), training);
  }

  @Override
  public double threshold() {
    return info.threshold();
  }

  private static List<LabelledText> labelled(List<CriticExample> examples) {
    return examples.stream()
        .map(e -> new LabelledText(pairOf(e.text()), e.accepted() ? 1 : 0)).toList();
  }

  private static void close(BertClassifier model) {
    if (model != null) {
      model.close();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
