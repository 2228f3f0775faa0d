package org.distill4j.filtering.rationale;

import java.util.List;
import java.util.regex.Pattern;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Splits raw teacher text into reasoning steps and a final answer, so that the answer check and
 * self-consistency downstream compare answers rather than whole passages:
 *
 * <ul>
 *   <li>a QA pair whose answer is a worked solution ("48/2 = 24 ... #### 72") becomes a rationale
 *       with those steps and the answer 72;
 *   <li>a rationale whose steps or answer still hold the conclusion ("... So the answer is (b)
 *       park.") is rewritten with the conclusion taken out of the steps and the answer alone;
 *   <li>a record that already has a bare answer goes on unchanged, as do other kinds.
 * </ul>
 *
 * A text that names a final answer ambiguously (two different answers) is rejected with the
 * extractor's reason; a free-text answer with no final answer at all is rejected only when
 * {@code requireAnswer} is set. Rewritten records get a new content id.
 *
 * @param requireAnswer reject QA pairs and rationales from which no final answer can be read
 */
public record RationaleSplitCritic(boolean requireAnswer) implements Critic {
  private static final Pattern BARE = Pattern.compile("[^.!?\\n]{0,80}");

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(r -> one(r.knowledge())).toList();
  }

  private Assessment one(Knowledge k) {
    Assessment split = k.accept(new Answers.OfAnswered<>() {
      @Override
      public Assessment qa(QaPair qa) {
        return RationaleSplitCritic.this.qa(qa);
      }

      @Override
      public Assessment rationale(Rationale rationale) {
        return RationaleSplitCritic.this.rationale(rationale);
      }
    });
    // Comparatives and triples hold no worked answer to split.
    return split == null ? Assessment.keep() : split;
  }

  private Assessment qa(QaPair q) {
    RationaleSplit split = RationaleSplit.of(q.answer(), List.of());
    if (!split.found()) {
      return unread(q.answer(), split.answer(), List.of());
    }
    String answer = display(split.answer(), List.of());
    if (split.steps().isEmpty()) {
      return answer.equals(q.answer()) ? Assessment.keep()
          : Assessment.keepAs(new QaPair(q.question(), answer, q.context()));
    }
    return Assessment.keepAs(new Rationale(q.question(), List.of(), split.steps(), answer));
  }

  private Assessment rationale(Rationale r) {
    String text = String.join("\n", r.steps()) + "\n" + r.answer();
    boolean concluded = !AnswerMarkers.find(text).isEmpty();
    if (!concluded && isBare(r.answer())) {
      return Assessment.keep();
    }
    RationaleSplit split = RationaleSplit.of(text, r.choices());
    if (!split.found()) {
      return unread(r.answer(), split.answer(), r.choices());
    }
    Extraction field = AnswerExtractor.resolve(r.answer(), r.choices());
    if (isBare(r.answer()) && field.found()
        && !AnswerExtractor.same(field.answer(), split.answer().answer())) {
      return Assessment.reject("the steps conclude \"" + split.answer().answer()
          + "\" but the answer is \"" + field.answer() + "\"");
    }
    List<String> steps = split.steps().isEmpty() ? r.steps() : split.steps();
    Rationale out = new Rationale(r.question(), r.choices(), steps,
        display(split.answer(), r.choices()));
    return out.equals(r) ? Assessment.keep() : Assessment.keepAs(out);
  }

  /**
   * No answer read: a marker that named two answers (or nothing usable) is always rejected; a
   * text with no marker is rejected only when an answer is required and the text is not already
   * a bare answer.
   */
  private Assessment unread(String answer, Extraction why, List<String> choices) {
    boolean marked = !AnswerMarkers.find(AnswerExtractor.cut(answer)).isEmpty();
    if (!marked && (!requireAnswer || isBare(answer)
        && AnswerExtractor.resolve(answer, choices).found())) {
      return Assessment.keep();
    }
    return Assessment.reject("no final answer read: " + why.reason());
  }

  /** An answer field that is an answer, not a passage: one short sentence at most. */
  private static boolean isBare(String answer) {
    return BARE.matcher(answer.strip().replaceAll("[.!?]+$", "")).matches();
  }

  /** The answer as a record stores it: the option's own text, or the canonical number or text. */
  private static String display(Extraction e, List<String> choices) {
    return e.choice() >= 0 ? choices.get(e.choice()) : e.answer();
  }
}
