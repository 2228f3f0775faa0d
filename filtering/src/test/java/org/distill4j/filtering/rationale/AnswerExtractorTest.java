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
    assertThat(e.reason()).contains("no \"answer is\"").contains("####").contains("A:");
  }

  @Test
  void numbersCompareByValue() {
    assertThat(AnswerExtractor.same("12.0", "12")).isTrue();
    assertThat(AnswerExtractor.same("12", "13")).isFalse();
    assertThat(AnswerExtractor.same("Train station", "train station")).isTrue();
  }

  private static String open(String completion) {
    return AnswerExtractor.extract(completion, List.of()).answer();
  }

  @Test
  void gpt3LastLineAnswerAndAnswerColon() {
    assertThat(open("Q: Tom has 3 bags of 14 apples.\nA: 3 bags * 14 = 42 apples.\nA: 42"))
        .isEqualTo("42");
    assertThat(open("She buys 5 + 7 = 12 pens.\nAnswer: 12")).isEqualTo("12");
    assertThat(open("**Answer:** -7")).isEqualTo("-7");
    // "A:" that opens a reasoning is not a final answer.
    assertThat(AnswerExtractor.extract("A: Natalia sold 48 clips in April and then 24 in May,"
        + " so she sold 72 in all and that is it.", List.of()).found()).isFalse();
  }

  @Test
  void finalAnswerIsAndBoxedWithNestedBraces() {
    assertThat(open("Adding up, we get 30. The final answer is 30.")).isEqualTo("30");
    assertThat(open("Final answer: $1,234.50")).isEqualTo("1234.5");
    assertThat(open("So the result is \\boxed{\\frac{1}{2}}.")).isEqualTo("0.5");
    assertThat(open("Thus $x = \\boxed{\\dfrac{2}{3}}$")).isEqualTo("2/3");
    assertThat(open("\\boxed{\\text{12 apples}}")).isEqualTo("12");
    assertThat(open("The answer is 18 + 12 = 30 dollars.")).isEqualTo("30");
  }

  @Test
  void numbersWithSignsSeparatorsDecimalsFractionsAndUnits() {
    assertThat(open("The answer is \u22125 degrees.")).isEqualTo("-5");
    assertThat(open("#### 1,000,000")).isEqualTo("1000000");
    assertThat(open("The answer is 3/4 of a cup.")).isEqualTo("0.75");
    assertThat(open("The answer is 25%.")).isEqualTo("25");
    assertThat(open("The answer is 42.00")).isEqualTo("42");
    assertThat(AnswerExtractor.same("1,000", "1000")).isTrue();
    assertThat(AnswerExtractor.same("42", "42.00")).isTrue();
    assertThat(AnswerExtractor.same("3/4", "0.75")).isTrue();
    assertThat(AnswerExtractor.same("$5", "5 dollars")).isFalse();
    assertThat(AnswerExtractor.resolve("5 dollars", List.of()).answer()).isEqualTo("5");
  }

  @Test
  void markersThatAgreeGiveOneAnswerAndMarkersThatDisagreeRefuse() {
    assertThat(open("So the answer is 72.\n#### 72")).isEqualTo("72");
    Extraction two = AnswerExtractor.extract("The answer is 12.\nAnswer: 15", List.of());
    assertThat(two.found()).isFalse();
    assertThat(two.reason()).contains("two different final answers").contains("12", "15");
    Extraction pair = AnswerExtractor.extract("The answer is 12 or 15.", List.of());
    assertThat(pair.found()).isFalse();
    assertThat(pair.reason()).contains("two numbers");
    Extraction options = AnswerExtractor.extract("So the answer is (a).\nAnswer: (c)", CHOICES);
    assertThat(options.found()).isFalse();
    assertThat(options.reason()).contains("two different final answers");
  }

  @Test
  void optionLettersInEveryCommonForm() {
    assertThat(AnswerExtractor.extract("answer: (B)", CHOICES).choice()).isEqualTo(1);
    assertThat(AnswerExtractor.extract("Answer: B)", CHOICES).choice()).isEqualTo(1);
    assertThat(AnswerExtractor.extract("The correct answer is option C.", CHOICES).choice())
        .isEqualTo(2);
    assertThat(AnswerExtractor.extract("A: (e)", CHOICES).choice()).isEqualTo(4);
    assertThat(AnswerExtractor.extract("The answer is: D. book", CHOICES).choice()).isEqualTo(3);
  }

  @Test
  void anAnswerIsInsideTheReasoningDoesNotOutvoteTheNumber() {
    assertThat(open("We check whether the answer is reasonable. 6 * 7 = 42.\n#### 42"))
        .isEqualTo("42");
  }

  @Test
  void aListOfAnswersIsTwoAnswersButALaterClauseIsNot() {
    assertThat(AnswerExtractor.extract("The answer is 5, 6.", List.of()).found()).isFalse();
    assertThat(open("The answer is 12, not 15.")).isEqualTo("12");
    assertThat(open("The answer is 1,000 dollars.")).isEqualTo("1000");
  }

  @Test
  void aFieldIsReadAsABareAnswerOrAsAWorkedText() {
    assertThat(AnswerExtractor.read("72 clips", List.of()).answer()).isEqualTo("72");
    assertThat(AnswerExtractor.read("48/2 = 24 in May, 48 + 24 = 72.\n#### 72", List.of())
        .answer()).isEqualTo("72");
    assertThat(AnswerExtractor.read("(b)", CHOICES).choice()).isEqualTo(1);
  }
}
