package org.distill4j.core.knowledge;

import java.util.List;

/**
 * Step-by-step reasoning that ends in one final answer.
 *
 * @param question the question, not blank
 * @param choices the answer options of a multiple-choice question; empty when open-ended
 * @param steps the reasoning steps, at least one
 * @param answer the final answer, not blank
 */
public record Rationale(String question, List<String> choices, List<String> steps, String answer)
    implements Knowledge {
  public Rationale {
    question = Fields.requireText(question, "question");
    choices = Fields.textList(choices, "choices", false);
    steps = Fields.textList(steps, "steps", true);
    answer = Fields.requireText(answer, "answer");
  }

  @Override
  public KnowledgeKind kind() {
    return KnowledgeKind.RATIONALE;
  }

  @Override
  public String relation() {
    return KnowledgeKind.RATIONALE.id();
  }

  @Override
  public String text() {
    return question + " " + String.join(" ", steps) + " So the answer is " + answer + ".";
  }

  @Override
  public List<String> identityFields() {
    return List.of(question, String.join(" ", steps), answer);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.rationale(this);
  }
}
