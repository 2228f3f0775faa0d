package org.distill4j.filtering.rationale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {
  private static final List<String> CHOICES =
      List.of("park", "coloring book", "train station", "book", "book store");

  @Test
  void gsm8kNumberAfterHashes() {
    Extraction e = AnswerExtractor.extract("She has 3*4=<<3*4=12>>12 apples.\n#### 1,200", List.of());
    assertThat(e.answer()).isEqualTo("1200");
    assertThat(AnswerExtractor.extract("#### $18.50", List.of()).answer()).isEqualTo("18.5");
    assertThat(AnswerExtractor.extract("#### many", List.of()).found()).isFalse();
  }

  @Test
  void soTheAnswerIsLetterAndTextAndTheNextExampleIsCutOff() {
    String palm = "Bums sleep where it is warm. So the answer is (c) train station.\n\n"
        + "Q: What is this?\nAnswer Choices:\n(a) horse\nA: So the answer is (a) horse.";
    Extraction e = AnswerExtractor.extract(palm, CHOICES);
    assertThat(e.choice()).isEqualTo(2);
    assertThat(e.answer()).isEqualTo("train station");
    assertThat(AnswerExtractor.extract("So the answer is (b).", CHOICES).choice()).isEqualTo(1);
    assertThat(AnswerExtractor.extract("The answer is: Train Station", CHOICES).choice())
        .isEqualTo(2);
    assertThat(AnswerExtractor.extract("I think the answer is e", CHOICES).choice()).isEqualTo(4);
  }

  @Test
  void letterAndTextThatDisagreeTrustTheText() {
    // Models sometimes write the wrong letter beside the right text; the text is what they mean.
    assertThat(AnswerExtractor.matchChoice("(a) train station", CHOICES)).isEqualTo(2);
  }

  @Test
  void longerOptionContainingAShorterOneWinsAndUnrelatedOptionsAreAmbiguous() {
    assertThat(AnswerExtractor.matchChoice("the book store downtown", CHOICES)).isEqualTo(4);
    assertThat(AnswerExtractor.matchChoice("a park or a train station", CHOICES)).isEqualTo(-1);
    assertThat(AnswerExtractor.extract("So the answer is the moon.", CHOICES).found()).isFalse();
  }

  @Test
  void missingAnswerSaysWhy() {
    Extraction e = AnswerExtractor.extract("I am not sure.", CHOICES);
    assertThat(e.found()).isFalse();
    assertThat(e.reason()).contains("no \"answer is\"");
  }

  @Test
  void numbersCompareByValue() {
    assertThat(AnswerExtractor.same("12.0", "12")).isTrue();
    assertThat(AnswerExtractor.same("12", "13")).isFalse();
    assertThat(AnswerExtractor.same("Train station", "train station")).isTrue();
  }
}
