package org.distill4j.training.loss;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.training.tokenizer.TokenAlignment;

/**
 * A batch of a served teacher's top-k targets in student ids, the inputs of {@link
 * SparseTokenLosses#divergence}. Position p of row b is the p-th token of reply b; the caller
 * lines the student's logits up with it (the logits at the position that predicts that token).
 *
 * @param batch rows
 * @param positions positions per row; longer replies are cut, shorter ones padded
 * @param k slots per position
 * @param ids (batch, positions, k) student ids; 0 in invalid slots
 * @param logprobs the teacher's log-probabilities; negative infinity in invalid slots
 * @param valid 1 for a slot holding a teacher token the student vocabulary has
 * @param mask (batch, positions) 1 for a position of a reply with at least one valid slot
 */
public record TopKTargets(int batch, int positions, int k, long[] ids, float[] logprobs,
    float[] valid, float[] mask) {

  /**
   * The targets of {@code replies}, one row each, with tokens the student lacks left out (check
   * {@link TokenAlignment#requireSameTokenizer} on the corpus first).
   */
  public static TopKTargets of(List<TokenLogprobs> replies, TokenAlignment vocabulary,
      int positions, int k) {
    int b = replies.size();
    long[] ids = new long[b * positions * k];
    float[] logprobs = new float[ids.length];
    float[] valid = new float[ids.length];
    float[] mask = new float[b * positions];
    Arrays.fill(logprobs, Float.NEGATIVE_INFINITY);
    for (int row = 0; row < b; row++) {
      TokenLogprobs reply = replies.get(row);
      for (int p = 0; p < Math.min(positions, reply.positions()); p++) {
        int slot = 0;
        for (int j = 0; j < reply.counts()[p] && slot < k; j++) {
          int id = vocabulary.id(reply.alternative(p, j));
          if (id >= 0) {
            int at = (row * positions + p) * k + slot++;
            ids[at] = id;
            logprobs[at] = reply.alternativeLogprob(p, j);
            valid[at] = 1;
          }
        }
        mask[row * positions + p] = slot > 0 ? 1 : 0;
      }
    }
    return new TopKTargets(b, positions, k, ids, logprobs, valid, mask);
  }

  /** The arrays ids (int64), logprobs, valid (B, P, k) and mask (B, P), in that order. */
  public NDList toArrays(NDManager manager) {
    Shape slots = new Shape(batch, positions, k);
    return new NDList(manager.create(ids, slots), manager.create(logprobs, slots),
        manager.create(valid, slots), manager.create(mask, new Shape(batch, positions)));
  }
}
