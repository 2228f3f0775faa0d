package org.distill4j.training.train;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ChoiceQuestion;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.retrieval.FactLookup;
import org.distill4j.training.retrieval.RetrieverSource;

/**
 * The text pairs the encoder student reads, the same at training and at evaluation. A context
 * (the question, or a record's input) and a candidate (a choice, or the record's target) make one
 * pair:
 *
 * <ul>
 *   <li>without retrieval: {@code (context, candidate)}, the usual cross-encoder layout;
 *   <li>with retrieval: {@code (context + " " + candidate, facts)}, the facts retrieved for that
 *       very pair and joined by {@code " | "}. Each choice gets its own facts, so the model can
 *       compare how well the facts back each choice, and learn to ignore them where they do not.
 *       The facts are the second segment because truncation shortens the longer segment first:
 *       a long list of facts is cut before the question is.
 * </ul>
 *
 * <p>A pair for which nothing is retrieved (and every pair of {@link #withoutFacts()}) is the
 * joined text alone.
 */
public final class EncoderInputs {
  /** Between two facts of one pair. */
  public static final String FACT_SEPARATOR = " | ";

  private final FactLookup facts;
  private final boolean joined;

  private EncoderInputs(FactLookup facts, boolean joined) {
    this.facts = facts;
    this.joined = joined;
  }

  /** The inputs {@code config} trains on: with facts when it has a retrieval section. */
  public static EncoderInputs of(StudentConfig config, RetrieverSource retrievers) {
    if (config.retrieval() == null) {
      return new EncoderInputs(null, false);
    }
    return new EncoderInputs(new FactLookup(retrievers.open(config.retrieval()),
        config.retrieval().k()), true);
  }

  /** The same layout with no facts given (scoring a retrieval-trained student without them). */
  public EncoderInputs withoutFacts() {
    return new EncoderInputs(null, joined);
  }

  /** Whether facts are retrieved. */
  public boolean retrieves() {
    return facts != null;
  }

  /** The pair for {@code context} and {@code candidate} of the record {@code id} (may be null). */
  public TextPair pair(String id, String context, String candidate) {
    if (!joined) {
      return new TextPair(context, candidate);
    }
    String text = context + " " + candidate;
    List<String> found = facts == null ? List.of() : facts.facts(id, text);
    return found.isEmpty() ? TextPair.of(text)
        : new TextPair(text, String.join(FACT_SEPARATOR, found));
  }

  /** Multiple-choice questions: one pair per choice, the target's index as the answer. */
  public List<ChoiceQuestion> questions(List<TrainingExample> examples) {
    List<ChoiceQuestion> out = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      List<TextPair> pairs = new ArrayList<>(e.choices().size());
      for (String choice : e.choices()) {
        pairs.add(pair(e.id(), e.input(), choice));
      }
      out.add(new ChoiceQuestion(pairs, e.targetIndex()));
    }
    return out;
  }

  /** Validity examples: (input, target) labelled 1 when a filter kept the record, else 0. */
  public List<LabelledText> labelled(List<TrainingExample> examples) {
    List<LabelledText> out = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      out.add(new LabelledText(pair(e.id(), e.input(), e.target()), e.valid() ? 1 : 0));
    }
    return out;
  }
}
