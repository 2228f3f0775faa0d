package org.distill4j.core.instruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.junit.jupiter.api.Test;

class InstructionsTest {
  @Test
  void shapesEachKindAsTheStudentReadsAndWritesIt() {
    assertThat(Instructions.of(new CommonsenseTriple("PersonX eats", "xIntent", "to be full")))
        .isEqualTo(new InstructionPair(Instructions.TRIPLE_TASK, "PersonX eats xIntent",
            "to be full"));
    assertThat(Instructions.of(new Rationale("Where is ink?", List.of("pen", "sky"),
        List.of("Ink is in pens.", "Pens hold it."), "pen")))
        .isEqualTo(new InstructionPair(Instructions.RATIONALE_TASK,
            "Where is ink? (a) pen (b) sky", "Ink is in pens. Pens hold it. So the answer is pen."));
    assertThat(Instructions.of(new Comparative("steel", "heavier", "foam",
        Comparative.Polarity.NEGATED, null)))
        .isEqualTo(new InstructionPair(Instructions.COMPARATIVE_TASK, "steel ; foam",
            "steel is not heavier than foam"));
  }

  @Test
  void qaPairsSayWhetherAPassageComesFirst() {
    assertThat(Instructions.of(new QaPair("Who?", "Ann", "Ann wrote it.")))
        .isEqualTo(new InstructionPair(Instructions.QA_IN_CONTEXT_TASK,
            "Ann wrote it. Question: Who?", "Ann"));
    assertThat(Instructions.of(new QaPair("Who?", "Ann", null)))
        .isEqualTo(new InstructionPair(Instructions.QA_TASK, "Who?", "Ann"));
  }

  @Test
  void anOpenQuestionHasNoLetters() {
    assertThat(Instructions.questionWithChoices("Why?", List.of())).isEqualTo("Why?");
  }

  @Test
  void refusesBlankParts() {
    assertThatThrownBy(() -> new InstructionPair("task", " ", "out"))
        .hasMessageContaining("\"input\"");
  }
}
