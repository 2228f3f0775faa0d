package org.distill4j.export.split;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;

/**
 * Assigns records to splits by their {@link GroupKey}: SHA-256 of the split seed and the key
 * gives a number in [0, 1), and the plan's shares, in order, cut that interval. The same key and
 * seed always give the same split, whatever else is in the corpus and in whatever order, so a
 * corpus can be split while streaming and a grown corpus keeps its old assignments.
 * Not thread-safe (it reuses one digest).
 */
public final class SplitAssigner {
  private final SplitPlan plan;
  private final byte[] seedBytes;
  private final double[] upper;
  private final MessageDigest sha256;

  public SplitAssigner(SplitPlan plan, long seed) {
    this.plan = plan;
    this.seedBytes = (seed + "\u0000").getBytes(StandardCharsets.UTF_8);
    List<SplitPlan.Split> splits = plan.splits();
    this.upper = new double[splits.size()];
    double sum = 0;
    for (int i = 0; i < upper.length; i++) {
      sum += splits.get(i).share();
      upper[i] = sum;
    }
    upper[upper.length - 1] = 1.0;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The split of {@code record}'s group. */
  public String splitOf(CorpusRecord record) {
    return splitOfKey(GroupKey.of(record));
  }

  /** The split of the group named {@code key}. */
  public String splitOfKey(String key) {
    if (plan.splits().size() == 1) {
      return plan.splits().get(0).name();
    }
    sha256.reset();
    sha256.update(seedBytes);
    byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    // The top 53 bits as a double in [0, 1): exactly representable, uniformly spaced.
    double u = (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
    for (int i = 0; i < upper.length; i++) {
      if (u < upper[i]) {
        return plan.splits().get(i).name();
      }
    }
    return plan.splits().get(upper.length - 1).name();
  }

  /** The plan. */
  public SplitPlan plan() {
    return plan;
  }
}
