package org.distill4j.filtering.stage;

import java.util.Iterator;
import org.distill4j.core.corpus.CorpusRecord;

/**
 * A filter that must see the whole corpus before judging any record, such as self-consistency
 * (the majority answer of a question is known only after its last sample) or comparative
 * contradictions (a cycle closes only when its last edge arrives).
 *
 * <p>The run makes two passes: it hands every record that reaches the stage to
 * {@link #observe}, which keeps compact per-group state (counts, small graphs), and then judges
 * the same records, in the same order, with the returned critic. Memory grows with the number of
 * groups and edges, not with the text of the corpus.
 */
@FunctionalInterface
public interface CorpusCritic {

  /** Reads every record once and returns the critic for the second pass. */
  Critic observe(Iterator<CorpusRecord> records);
}
