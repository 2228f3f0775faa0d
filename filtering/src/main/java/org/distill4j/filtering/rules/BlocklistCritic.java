package org.distill4j.filtering.rules;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Rejects output containing a blocked word or phrase, matched on whole words so that "ass" does
 * not block "class". Phrases are matched as consecutive words. Typical entries: refusals
 * ("as an ai"), placeholders ("personz", "n/a"), profanity.
 */
public final class BlocklistCritic implements Critic {
  private final List<List<String>> phrases = new ArrayList<>();

  /** @param terms words or phrases; case and punctuation are ignored */
  public BlocklistCritic(List<String> terms) {
    for (String t : terms) {
      List<String> w = Words.of(t);
      if (w.isEmpty()) {
        throw new IllegalArgumentException("blocklist entry \"" + t + "\" has no words");
      }
      phrases.add(w);
    }
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(this::one).toList();
  }

  private Assessment one(CorpusRecord r) {
    List<String> words = Words.of(Generated.output(r.knowledge()));
    for (List<String> phrase : phrases) {
      if (java.util.Collections.indexOfSubList(words, phrase) >= 0) {
        return Assessment.reject("contains blocked \"" + String.join(" ", phrase) + "\"");
      }
    }
    return Assessment.keep();
  }
}
