package org.distill4j.generation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.teacher.TeacherReply;
import org.junit.jupiter.api.Test;

/** Real-looking messy teacher output through the recipe parsers. */
class RecipeParserTest {

  private static Recipe recipe(String kind, String format, Map<String, String> fields) {
    return new Recipe("r", "1", kind, null, List.of(), null, null, "{{x}}", null, null,
        new Recipe.OutputSpec(format, fields, 1));
  }

  private static TeacherReply stop(String text) {
    return new TeacherReply(text, TeacherReply.Finish.STOP, null, null, null);
  }

  private static final Map<String, String> TRIPLE_LINES =
      Map.of("head", "{{event}}", "relation", "{{relation}}", "tail", "{{item}}");
  private static final Map<String, String> VARS =
      Map.of("event", "PersonX pays the bill", "relation", "xIntent");

  @Test
  void numberedAndBulletedListsWithPreambleAndDuplicates() {
    RecipeParser p = new RecipeParser(recipe("triple", "lines", TRIPLE_LINES));
    ParseResult r = p.parse(stop("""
        Sure! Here are some intents:

        1. to be generous
        2) "to treat a friend"
        - to be generous.
        * to show off
        • to settle up
        """), VARS);
    assertThat(r.usable()).isTrue();
    assertThat(r.knowledge()).extracting(k -> ((CommonsenseTriple) k).tail())
        .containsExactly("to be generous", "to treat a friend", "to show off", "to settle up");
    assertThat(r.dropped()).extracting(Fragment::reason)
        .containsExactly("preamble line, not an item", "duplicate within the reply");
  }

  @Test
  void emptyNullAndTruncatedRepliesFailWithReasons() {
    RecipeParser p = new RecipeParser(recipe("triple", "lines", TRIPLE_LINES));
    assertThat(p.parse(stop(null), VARS).failure()).startsWith("empty reply");
    assertThat(p.parse(stop("  \n "), VARS).failure()).startsWith("empty reply");
    ParseResult cut = p.parse(new TeacherReply("1. to be gen", TeacherReply.Finish.LENGTH, 1, 1, null), VARS);
    assertThat(cut.usable()).isFalse();
    assertThat(cut.failure()).contains("max_tokens");
  }

  @Test
  void jsonInFencesWithProseAndTrailingCommas() {
    Map<String, String> fields = Map.of("subject", "{{subject}}", "adjective", "{{adjective}}",
        "object", "{{object}}", "polarity", "{{polarity}}", "statement", "{{statement}}");
    RecipeParser p = new RecipeParser(recipe("comparative", "json", fields));
    ParseResult r = p.parse(stop("""
        Here is what I know about them:
        ```json
        [
          {"subject": "a knife", "adjective": "sharper", "object": "a spoon", "polarity": "affirmed",
           "statement": "A knife is sharper than a spoon."},
          {'subject': 'a spoon', adjective: "sharper", "object": "a knife", "polarity": "negated",
           "statement": "A spoon is not sharper than a knife.",},
          {"subject": "a knife", "adjective": "sharper", "object": "a knife"},
        ]
        ```
        Let me know if you need more!
        """), Map.of());
    assertThat(r.knowledge()).hasSize(2);
    Comparative second = (Comparative) r.knowledge().get(1);
    assertThat(second.polarity()).isEqualTo(Comparative.Polarity.NEGATED);
    assertThat(r.dropped()).singleElement().satisfies(f -> assertThat(f.reason()).contains("must differ"));
  }

  @Test
  void truncatedJsonWithoutLengthFinishIsStillAFailure() {
    RecipeParser p = new RecipeParser(recipe("qa", "json", Map.of("question", "{{question}}", "answer", "{{answer}}")));
    ParseResult r = p.parse(stop("[{\"question\": \"Why?\", \"answer\": \"Because\"}, {\"question\": \"Wh"), Map.of());
    assertThat(r.usable()).isFalse();
    assertThat(r.failure()).contains("never closed");
  }

  @Test
  void objectHoldingAnArrayAndMissingFields() {
    RecipeParser p = new RecipeParser(recipe("qa", "json",
        Map.of("question", "{{question}}", "answer", "{{answer}}", "context", "{{passage}}")));
    ParseResult r = p.parse(stop("""
        {"pairs": [{"question": "Where does it rise?", "answer": "in the hills"},
                   {"question": "How long is it?"}]}
        """), Map.of("passage", "The river rises in the hills."));
    assertThat(r.knowledge()).singleElement().isEqualTo(
        new QaPair("Where does it rise?", "in the hills", "The river rises in the hills."));
    assertThat(r.dropped()).singleElement().satisfies(f -> assertThat(f.reason()).contains("\"answer\""));
  }

  @Test
  void rationaleStepsAndAnswerAreCleaned() {
    RecipeParser p = new RecipeParser(recipe("rationale", "json", Map.of("question", "{{question}}",
        "choices", "{{choices}}", "steps", "{{steps}}", "answer", "{{answer}}")));
    ParseResult r = p.parse(stop("""
        {"steps": ["Step 1: Plates are stored when clean.", "2. Cupboards store dishes."],
         "answer": "So the answer is cupboard."}
        """), Map.of("question", "Where does a clean plate go?", "choices", "[\"oven\", \"cupboard\"]"));
    Rationale rat = (Rationale) r.knowledge().get(0);
    assertThat(rat.steps()).containsExactly("Plates are stored when clean.", "Cupboards store dishes.");
    assertThat(rat.answer()).isEqualTo("cupboard");
    assertThat(rat.choices()).containsExactly("oven", "cupboard");
  }

  @Test
  void seedVariablesWinOverItemFields() {
    RecipeParser p = new RecipeParser(recipe("triple", "json",
        Map.of("head", "{{event}}", "relation", "{{relation}}", "tail", "{{tail}}")));
    ParseResult r = p.parse(stop("[{\"event\": \"PersonX steals\", \"tail\": \"to help\"}]"), VARS);
    assertThat(((CommonsenseTriple) r.knowledge().get(0)).head()).isEqualTo("PersonX pays the bill");
  }

  @Test
  void noJsonAtAll() {
    RecipeParser p = new RecipeParser(recipe("qa", "json", Map.of("question", "{{question}}", "answer", "{{answer}}")));
    assertThat(p.parse(stop("I cannot help with that."), Map.of()).failure()).contains("no JSON");
  }
}
