package org.distill4j.filtering.dedup;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Drops records that say the same thing in other words: the cosine similarity of their
 * embeddings (all-MiniLM-L6-v2 in process, through LangChain4j) with an earlier kept record is at
 * least {@code threshold}. Each batch is embedded with one {@code embed} call ({@link #embed}),
 * then its records are judged in order by {@link KeptVectors} (exact comparison with every kept
 * vector, no index: the embedding, not the comparison, is the cost up to about 10^5 records).
 *
 * <p>State: 384 floats per kept record plus its 16-byte id.
 */
public final class SemanticDedupCritic implements Critic {
  private final TextEmbedder model;
  private final double threshold;
  private final KeptVectors kept;

  /**
   * @param model the embedder, e.g. {@code MiniLm.embedder()}
   * @param threshold cosine similarity at and above which a record is a duplicate, in (0, 1]
   */
  public SemanticDedupCritic(TextEmbedder model, double threshold) {
    this.kept = new KeptVectors(threshold);
    this.model = model;
    this.threshold = threshold;
  }

  /** The cosine similarity at and above which a record is a duplicate. */
  public double threshold() {
    return threshold;
  }

  /** The vectors this critic compares for {@code batch}, one per record, in order. */
  public List<float[]> embed(List<CorpusRecord> batch) {
    List<float[]> out = model.embed(batch.stream().map(r -> r.knowledge().text()).toList());
    if (out.size() != batch.size()) {
      throw new IllegalStateException("the embedder returned " + out.size() + " vectors for "
          + batch.size() + " texts");
    }
    return out;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<float[]> embeddings = embed(batch);
    List<Assessment> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(kept.offer(batch.get(i).id(), embeddings.get(i)));
    }
    return out;
  }
}
