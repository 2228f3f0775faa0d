package org.distill4j.filtering.rules;

import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/**
 * Splits a piece of knowledge into the part the teacher was given (the input) and the part it
 * wrote (the output). Length bounds and blocklists look at the output; the copy check compares
 * the output with the input.
 */
public final class Generated {
  private Generated() {}

  private static final Knowledge.Visitor<String> OUTPUT = new Knowledge.Visitor<>() {
    @Override
    public String qa(QaPair qa) {
      return qa.answer();
    }

    @Override
    public String rationale(Rationale rationale) {
      return String.join(" ", rationale.steps());
    }

    @Override
    public String comparative(Comparative comparative) {
      return comparative.statement();
    }

    @Override
    public String triple(CommonsenseTriple triple) {
      return triple.tail();
    }
  };

  private static final Knowledge.Visitor<String> INPUT = new Knowledge.Visitor<>() {
    @Override
    public String qa(QaPair qa) {
      return qa.question();
    }

    @Override
    public String rationale(Rationale rationale) {
      return rationale.question();
    }

    /** A comparative's pair is the teacher's own choice, not an input. */
    @Override
    public String comparative(Comparative comparative) {
      return "";
    }

    @Override
    public String triple(CommonsenseTriple triple) {
      return triple.head();
    }
  };

  /** What the teacher wrote: a triple's tail, a QA answer, a rationale's steps, a statement. */
  public static String output(Knowledge k) {
    return k.accept(OUTPUT);
  }

  /** What the teacher was given, or the empty string when nothing (a comparative's pair). */
  public static String input(Knowledge k) {
    return k.accept(INPUT);
  }
}
