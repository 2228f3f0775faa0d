package org.distill4j.filtering.rationale;

import java.util.List;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.core.knowledge.TextNormalizer;

/** The question and canonical final answer of the kinds that have one (rationales, QA pairs). */
final class Answers {
  private Answers() {}

  /** The normalised question, or null for kinds without one. */
  static String question(Knowledge k) {
    return k.accept(new OfAnswered<>() {
      @Override
      public String qa(QaPair qa) {
        return TextNormalizer.normalize(qa.question());
      }

      @Override
      public String rationale(Rationale rationale) {
        return TextNormalizer.normalize(rationale.question());
      }
    });
  }

  /**
   * The canonical answer (see {@link AnswerExtractor#read}: a bare answer, or the final answer of
   * a worked text); null when none can be read.
   */
  static String answer(Knowledge k) {
    return k.accept(new OfAnswered<>() {
      @Override
      public String qa(QaPair qa) {
        return AnswerExtractor.read(qa.answer(), List.of()).answer();
      }

      @Override
      public String rationale(Rationale rationale) {
        return AnswerExtractor.read(rationale.answer(), rationale.choices()).answer();
      }
    });
  }

  /**
   * A visitor of the kinds that have a question and a final answer; the others give null. A new
   * kind still fails to compile here until someone decides whether it has an answer.
   */
  abstract static class OfAnswered<R> implements Knowledge.Visitor<R> {
    @Override
    public final R comparative(Comparative comparative) {
      return null;
    }

    @Override
    public final R triple(CommonsenseTriple triple) {
      return null;
    }
  }
}
