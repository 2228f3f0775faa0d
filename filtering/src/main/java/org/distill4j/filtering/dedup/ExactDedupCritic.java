package org.distill4j.filtering.dedup;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Drops records whose normalised text ({@link TextNormalizer}) equals that of an earlier kept
 * record: same words after case, Unicode form, spacing and end punctuation are set aside.
 * Streaming with a 64-bit hash and a 16-byte id per kept record.
 */
public final class ExactDedupCritic implements Critic {
  private final LongIntTable seen = new LongIntTable(1 << 16);
  private final IdTable ids = new IdTable();

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    List<Assessment> out = new ArrayList<>(batch.size());
    for (CorpusRecord r : batch) {
      long key = Hash64.ofNormalized(r.knowledge().text());
      int first = seen.get(key);
      if (first >= 0) {
        out.add(Assessment.reject("exact duplicate of " + ids.get(first) + " (similarity 1.00)",
            1.0));
      } else {
        seen.put(key, ids.add(r.id()));
        out.add(Assessment.keep());
      }
    }
    return out;
  }
}
