package org.distill4j.core.knowledge;

import java.util.List;

/**
 * A comparison of two entities over one adjective, as in "steel is heavier than styrofoam".
 *
 * @param subject the entity the statement is about, not blank
 * @param adjective the comparative adjective, e.g. {@code heavier}, not blank
 * @param object the entity it is compared with, not blank and not the subject
 * @param polarity whether the comparison is affirmed or negated; affirmed when absent
 * @param statement the sentence as written by the teacher; generated from the parts when absent
 */
public record Comparative(
    String subject, String adjective, String object, Polarity polarity, String statement)
    implements Knowledge {

  /** Affirmed: "A is heavier than B". Negated: "A is not heavier than B". */
  public enum Polarity {
    AFFIRMED,
    NEGATED
  }

  public Comparative {
    subject = Fields.requireText(subject, "subject");
    adjective = Fields.requireText(adjective, "adjective");
    object = Fields.requireText(object, "object");
    if (TextNormalizer.normalize(subject).equals(TextNormalizer.normalize(object))) {
      throw new IllegalArgumentException(
          "fields \"subject\" and \"object\" must differ, both are \"" + subject + "\"");
    }
    polarity = polarity == null ? Polarity.AFFIRMED : polarity;
    statement = Fields.optionalText(statement);
    if (statement == null) {
      statement =
          subject + (polarity == Polarity.NEGATED ? " is not " : " is ") + adjective + " than "
              + object;
    }
  }

  @Override
  public KnowledgeKind kind() {
    return KnowledgeKind.COMPARATIVE;
  }

  @Override
  public String relation() {
    return adjective;
  }

  @Override
  public String text() {
    return statement;
  }

  @Override
  public List<String> identityFields() {
    return List.of(subject, adjective, object, polarity.name());
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.comparative(this);
  }
}
