package org.distill4j.neural.tune;

import java.util.List;
import org.distill4j.neural.bert.TextPair;

/**
 * A multiple-choice example: one text pair per choice (e.g. question and choice, or question +
 * choice and the facts retrieved for it) and the index of the right one.
 */
public record ChoiceQuestion(List<TextPair> choices, int answer) {
  public ChoiceQuestion {
    choices = List.copyOf(choices);
    if (choices.size() < 2 || answer < 0 || answer >= choices.size()) {
      throw new IllegalArgumentException("need at least 2 choices and an answer among them;"
          + " found " + choices.size() + " choices, answer " + answer);
    }
  }
}
