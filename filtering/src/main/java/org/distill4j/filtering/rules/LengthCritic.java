package org.distill4j.filtering.rules;

import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Rejects teacher output that is too short to carry knowledge or too long to be one item
 * (a model that kept talking). Counts the generated part only (see {@link Generated#output}).
 *
 * @param minWords fewest words, inclusive
 * @param maxWords most words, inclusive
 * @param minChars fewest characters, inclusive
 * @param maxChars most characters, inclusive
 */
public record LengthCritic(int minWords, int maxWords, int minChars, int maxChars)
    implements Critic {
  public LengthCritic {
    if (minWords < 0 || maxWords < minWords || minChars < 0 || maxChars < minChars) {
      // Named by their chain keys: this is what a user sees for a bad `type: length` entry.
      throw new IllegalArgumentException("length bounds must satisfy 0 <= min_words <= max_words"
          + " and 0 <= min_chars <= max_chars, found min_words " + minWords + ", max_words "
          + maxWords + ", min_chars " + minChars + ", max_chars " + maxChars);
    }
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(this::one).toList();
  }

  private Assessment one(CorpusRecord r) {
    String out = Generated.output(r.knowledge());
    int words = Words.of(out).size();
    int chars = out.length();
    if (words < minWords || words > maxWords) {
      return Assessment.reject(
          words + " words, outside " + minWords + ".." + maxWords, words);
    }
    if (chars < minChars || chars > maxChars) {
      return Assessment.reject(chars + " characters, outside " + minChars + ".." + maxChars);
    }
    return Assessment.keep();
  }
}
