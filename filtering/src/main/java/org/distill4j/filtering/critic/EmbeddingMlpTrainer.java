package org.distill4j.filtering.critic;

import java.util.List;
import org.distill4j.core.embed.TextEmbedder;

/**
 * Trains the {@link ClassifierCritic}: a small network over frozen text embeddings plus side
 * features. Give it a memoizing or caching embedder under cross-validation, since every fold
 * embeds the same texts again.
 *
 * @param embedder embeds the example texts
 * @param sideFeatures names of the examples' side features, in order
 * @param settings network shape and training
 */
public record EmbeddingMlpTrainer(TextEmbedder embedder, List<String> sideFeatures,
    CriticSettings settings) implements CriticTrainer {
  public EmbeddingMlpTrainer {
    sideFeatures = List.copyOf(sideFeatures);
  }

  @Override
  public ClassifierCritic train(List<CriticExample> examples) {
    return ClassifierCritic.train(examples, sideFeatures, settings, embedder);
  }
}
