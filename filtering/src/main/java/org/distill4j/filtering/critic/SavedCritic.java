package org.distill4j.filtering.critic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * A critic saved in a folder, whichever kind it is: the frozen-embedding network
 * ({@link ClassifierCritic}) or a fine-tuned encoder ({@link EncoderCritic}). Scores are
 * acceptance probabilities; as a {@link Critic} it keeps records scoring at least its threshold.
 */
public interface SavedCritic extends Critic, AutoCloseable {

  /** The record scores (or table columns) it reads as side features, in order; may be empty. */
  List<String> sideFeatures();

  /** Acceptance probabilities of {@code texts} with their side features. */
  float[] score(List<String> texts, double[][] side);

  /** Acceptance probabilities of records; side features come from their scores. */
  float[] scoreRecords(List<CorpusRecord> records);

  /** Whether scoring embeds texts with the sentence embedder (worth warming a cache for). */
  default boolean embedsTexts() {
    return true;
  }

  /** Records scoring at least this are kept. */
  double threshold();

  /** Keeps each record whose acceptance probability reaches {@link #threshold()}. */
  @Override
  default List<Assessment> assess(List<CorpusRecord> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    float[] p = scoreRecords(batch);
    List<Assessment> out = new ArrayList<>(batch.size());
    for (float v : p) {
      out.add(v >= threshold() ? Assessment.keep(v)
          : Assessment.reject(String.format(Locale.ROOT, "critic score %.3f below %.3f", v,
              threshold()), v));
    }
    return out;
  }

  /** The same critic keeping records from {@code threshold} up. */
  SavedCritic withThreshold(double threshold);

  /** Writes the critic into {@code dir}. */
  void save(Path dir);

  @Override
  void close();

  /**
   * Loads the critic in {@code dir}: a fine-tuned encoder when the folder holds a Hugging Face
   * {@code config.json}, otherwise the embedding network, which embeds with {@code embedder}.
   */
  static SavedCritic load(Path dir, TextEmbedder embedder) {
    return Files.isRegularFile(dir.resolve("config.json")) ? EncoderCritic.load(dir)
        : ClassifierCritic.load(dir, embedder);
  }
}
