package org.distill4j.filtering.rationale;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Keeps a rationale or QA pair only when its final answer equals the gold answer of its question
 * (rationale distillation keeps the reasoning that reached the right answer). Multiple-choice
 * answers are compared by option, numbers by value. Records whose question has no gold answer
 * are kept or rejected as {@code requireGold} says; records of other kinds pass untouched.
 */
public final class AnswerCheckCritic implements Critic {
  private final Map<String, String> gold;
  private final boolean requireGold;

  /**
   * @param gold gold answers by question text (normalised here)
   * @param requireGold reject records whose question has no gold answer
   */
  public AnswerCheckCritic(Map<String, String> gold, boolean requireGold) {
    this.gold = new HashMap<>();
    gold.forEach((q, a) -> this.gold.put(TextNormalizer.normalize(q), a));
    this.requireGold = requireGold;
  }

  /**
   * Reads gold answers from JSON Lines with string fields {@code question} and {@code answer}
   * (other fields ignored); a line without them fails with its file:line.
   */
  public static Map<String, String> readGold(Path file) {
    Map<String, String> out = new HashMap<>();
    try (JsonLinesReader<JsonNode> reader = JsonLinesReader.open(file, JsonNode.class)) {
      var it = reader.lines();
      while (it.hasNext()) {
        ParsedLine<JsonNode> line = it.next();
        if (line instanceof ParsedLine.Bad<JsonNode> bad) {
          BadLinePolicy.failFast().onBadLine(bad);
        }
        JsonNode n = ((ParsedLine.Good<JsonNode>) line).value();
        if (!n.path("question").isTextual() || !n.path("answer").isValueNode()) {
          throw new InputException(line.location(),
              "expected string fields \"question\" and \"answer\", found " + n);
        }
        out.put(n.get("question").asText(), n.get("answer").asText());
      }
    }
    return out;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(this::one).toList();
  }

  private Assessment one(CorpusRecord r) {
    String q = Answers.question(r.knowledge());
    if (q == null) {
      return Assessment.keep();
    }
    String g = gold.get(q);
    if (g == null) {
      return requireGold ? Assessment.reject("no gold answer for this question")
          : Assessment.keep();
    }
    List<String> choices = r.knowledge() instanceof Rationale ra ? ra.choices() : List.of();
    Extraction read = AnswerExtractor.read(answerText(r), choices);
    if (!read.found()) {
      return Assessment.reject("no answer read: " + read.reason(), 0);
    }
    String mine = read.answer();
    Extraction expected = AnswerExtractor.read(g, choices);
    if (!expected.found()) {
      throw new InputException("gold answer \"" + g + "\" of question \"" + q + "\": "
          + expected.reason() + (choices.isEmpty() ? "" : "; the options are " + choices)
          + "; fix the gold file");
    }
    if (AnswerExtractor.same(mine, expected.answer())) {
      return Assessment.keep(1);
    }
    return Assessment.reject("answer \"" + mine + "\" differs from gold \"" + expected.answer()
        + "\"", 0);
  }

  private static String answerText(CorpusRecord r) {
    return r.knowledge() instanceof Rationale ra ? ra.answer()
        : ((org.distill4j.core.knowledge.QaPair) r.knowledge()).answer();
  }
}
