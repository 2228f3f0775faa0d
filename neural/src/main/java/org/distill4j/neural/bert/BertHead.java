package org.distill4j.neural.bert;

import java.util.List;

/**
 * What sits on a BERT encoder's pooled {@code [CLS]} vector, as Hugging Face names it.
 *
 * @param kind sequence classification (critic, triple critic, reranker) or multiple choice
 * @param labels the classes of a classification head, index = output; a single label means one
 *     score (a reranker's relevance, trained as a logistic output). Multiple choice has one
 *     label, the score of a (question, choice) pair.
 */
public record BertHead(Kind kind, List<String> labels) {
  /** The two head layouts transformers has for BERT. */
  public enum Kind {
    /** {@code BertForSequenceClassification}: one logit per label. */
    SEQUENCE_CLASSIFICATION("BertForSequenceClassification"),
    /** {@code BertForMultipleChoice}: one logit per choice, softmax over a question's choices. */
    MULTIPLE_CHOICE("BertForMultipleChoice");

    private final String architecture;

    Kind(String architecture) {
      this.architecture = architecture;
    }

    /** The {@code architectures} entry of config.json. */
    public String architecture() {
      return architecture;
    }

    /** The kind whose architecture is {@code name}, or null. */
    public static Kind ofArchitecture(String name) {
      for (Kind kind : values()) {
        if (kind.architecture.equals(name)) {
          return kind;
        }
      }
      return null;
    }
  }

  public BertHead {
    labels = List.copyOf(labels);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a head needs at least one label");
    }
    if (kind == Kind.MULTIPLE_CHOICE && labels.size() != 1) {
      throw new IllegalArgumentException("a multiple-choice head has one output, found labels "
          + labels);
    }
  }

  /** A binary classifier: output 0 rejects, output 1 accepts. */
  public static BertHead binary(String rejected, String accepted) {
    return new BertHead(Kind.SEQUENCE_CLASSIFICATION, List.of(rejected, accepted));
  }

  /** A reranker: one relevance logit per (query, passage). */
  public static BertHead reranker() {
    return new BertHead(Kind.SEQUENCE_CLASSIFICATION, List.of("relevance"));
  }

  /** A multiple-choice scorer. */
  public static BertHead multipleChoice() {
    return new BertHead(Kind.MULTIPLE_CHOICE, List.of("score"));
  }

  /** The classifier's output width. */
  public int outputs() {
    return labels.size();
  }
}
