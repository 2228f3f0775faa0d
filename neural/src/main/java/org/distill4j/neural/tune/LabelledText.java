package org.distill4j.neural.tune;

import org.distill4j.neural.bert.TextPair;

/** A text or text pair with its class index (for a one-output reranker: 0 or 1). */
public record LabelledText(TextPair text, int label) {
  public LabelledText {
    if (label < 0) {
      throw new IllegalArgumentException("a label index is never negative, found " + label);
    }
  }
}
