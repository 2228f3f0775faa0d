package org.distill4j.core.instruct;

import java.util.List;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/**
 * The input/output pair of each kind of knowledge: head and relation to tail, question (with
 * lettered choices) to reasoning and answer, entity pair to comparative statement, passage and
 * question to answer. Pure text shaping with no model involved, so training and export share it.
 */
public final class Instructions {
  /** Task of a commonsense triple. */
  public static final String TRIPLE_TASK = "The input is an everyday event followed by a"
      + " commonsense relation (ATOMIC style, such as xIntent, xNeed or xEffect). Write the"
      + " inference that completes it.";
  /** Task of a rationale. */
  public static final String RATIONALE_TASK = "Answer the question. Reason step by step, then"
      + " end with \"So the answer is\" and the answer.";
  /** Task of a comparative. */
  public static final String COMPARATIVE_TASK = "The input names two things separated by \";\"."
      + " Write one true statement comparing them.";
  /** Task of a QA pair without a passage. */
  public static final String QA_TASK = "Answer the question.";
  /** Task of a QA pair grounded in a passage. */
  public static final String QA_IN_CONTEXT_TASK = "Answer the question from the passage that"
      + " precedes it.";

  private static final Knowledge.Visitor<InstructionPair> PAIRS = new Knowledge.Visitor<>() {
    @Override
    public InstructionPair qa(QaPair q) {
      return q.context() == null
          ? new InstructionPair(QA_TASK, q.question(), q.answer())
          : new InstructionPair(QA_IN_CONTEXT_TASK, q.context() + " Question: " + q.question(),
              q.answer());
    }

    @Override
    public InstructionPair rationale(Rationale r) {
      return new InstructionPair(RATIONALE_TASK, questionWithChoices(r.question(), r.choices()),
          String.join(" ", r.steps()) + " So the answer is " + r.answer() + ".");
    }

    @Override
    public InstructionPair comparative(Comparative c) {
      return new InstructionPair(COMPARATIVE_TASK, c.subject() + " ; " + c.object(),
          c.statement());
    }

    @Override
    public InstructionPair triple(CommonsenseTriple t) {
      return new InstructionPair(TRIPLE_TASK, t.head() + " " + t.relation(), t.tail());
    }
  };

  private Instructions() {}

  /** The pair a student learns from {@code knowledge}. */
  public static InstructionPair of(Knowledge knowledge) {
    return knowledge.accept(PAIRS);
  }

  /** A multiple-choice question as one line: the question, then its lettered options. */
  public static String questionWithChoices(String question, List<String> choices) {
    StringBuilder sb = new StringBuilder(question);
    for (int i = 0; i < choices.size(); i++) {
      sb.append(" (").append((char) ('a' + i)).append(") ").append(choices.get(i));
    }
    return sb.toString();
  }
}
