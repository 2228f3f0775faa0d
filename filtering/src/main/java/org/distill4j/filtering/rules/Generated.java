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

  /** What the teacher wrote: a triple's tail, a QA answer, a rationale's steps, a statement. */
  public static String output(Knowledge k) {
    if (k instanceof CommonsenseTriple t) {
      return t.tail();
    } else if (k instanceof QaPair q) {
      return q.answer();
    } else if (k instanceof Rationale r) {
      return String.join(" ", r.steps());
    }
    return ((Comparative) k).statement();
  }

  /** What the teacher was given, or the empty string when nothing (a comparative's pair). */
  public static String input(Knowledge k) {
    if (k instanceof CommonsenseTriple t) {
      return t.head();
    } else if (k instanceof QaPair q) {
      return q.question();
    } else if (k instanceof Rationale r) {
      return r.question();
    }
    return "";
  }
}
