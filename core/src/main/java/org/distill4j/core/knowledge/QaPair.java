package org.distill4j.core.knowledge;

import java.util.List;

/**
 * A question with its answer, optionally grounded in a context passage.
 *
 * @param question the question, not blank
 * @param answer the answer, not blank
 * @param context the passage the answer comes from, or null
 */
public record QaPair(String question, String answer, String context) implements Knowledge {
  public QaPair {
    question = Fields.requireText(question, "question");
    answer = Fields.requireText(answer, "answer");
    context = Fields.optionalText(context);
  }

  @Override
  public KnowledgeKind kind() {
    return KnowledgeKind.QA;
  }

  @Override
  public String relation() {
    return KnowledgeKind.QA.id();
  }

  @Override
  public String text() {
    return question + " " + answer;
  }

  @Override
  public List<String> identityFields() {
    return List.of(question, answer);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.qa(this);
  }
}
