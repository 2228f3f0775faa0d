package org.distill4j.filtering.rationale;

import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.core.knowledge.TextNormalizer;

/** The question and canonical final answer of the kinds that have one (rationales, QA pairs). */
final class Answers {
  private Answers() {}

  /** The normalised question, or null for kinds without one. */
  static String question(Knowledge k) {
    if (k instanceof Rationale r) {
      return TextNormalizer.normalize(r.question());
    } else if (k instanceof QaPair q) {
      return TextNormalizer.normalize(q.question());
    }
    return null;
  }

  /**
   * The canonical answer (see {@link AnswerExtractor#read}: a bare answer, or the final answer of
   * a worked text); null when none can be read.
   */
  static String answer(Knowledge k) {
    if (k instanceof Rationale r) {
      return AnswerExtractor.read(r.answer(), r.choices()).answer();
    } else if (k instanceof QaPair q) {
      return AnswerExtractor.read(q.answer(), java.util.List.of()).answer();
    }
    return null;
  }
}
