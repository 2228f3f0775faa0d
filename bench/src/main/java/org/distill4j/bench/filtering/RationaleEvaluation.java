package org.distill4j.bench.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.filtering.rationale.AnswerExtractor;
import org.distill4j.filtering.rationale.Extraction;
import org.distill4j.filtering.rationale.RationaleSplit;

/**
 * Answer extraction and the gold answer check on PaLM-540B chain-of-thought completions for the
 * CommonsenseQA train set (distilling step-by-step release). Each completion is cut at the first
 * blank line followed by "Q:", its final answer extracted and resolved to one of the five
 * options, and compared with gold. Prints: share with an answer found, share naming an option
 * (what a label-free filter keeps) and its precision against gold, and the share the gold answer
 * check keeps (published agreement: 75.8 %). Failure reasons are tallied.
 *
 * <p>Usage: {@code RationaleEvaluation CQA_DIR} (the folder holding {@code cqa_train.json} and
 * {@code llm/train_CoT_*.json}).
 */
public final class RationaleEvaluation {
  private RationaleEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/distill_step_by_step/cqa");
    List<JsonNode> questions = new ArrayList<>();
    try (JsonLinesReader<JsonNode> r = JsonLinesReader.open(dir.resolve("cqa_train.json"),
        JsonNode.class)) {
      r.forEach(questions::add);
    }
    List<String> completions = new ArrayList<>();
    for (int k = 0; Files.exists(dir.resolve("llm/train_CoT_" + k + ".json")); k++) {
      JsonNode arr = CorpusJson.json().readTree(dir.resolve("llm/train_CoT_" + k + ".json")
          .toFile());
      arr.forEach(n -> completions.add(n.asText()));
    }
    if (completions.size() != questions.size()) {
      throw new IllegalStateException(completions.size() + " completions for "
          + questions.size() + " questions; files are not aligned");
    }
    long t0 = System.nanoTime();
    int found = 0;
    int option = 0;
    int agree = 0;
    Map<String, Integer> failures = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      JsonNode q = questions.get(i);
      List<String> choices = new ArrayList<>();
      q.get("choices").forEach(c -> choices.add(c.asText()));
      Extraction e = AnswerExtractor.extract(completions.get(i), choices);
      if (e.found()) {
        found++;
        option++;
        int gold = AnswerExtractor.matchChoice(q.get("answer").asText(), choices);
        if (gold == e.choice()) {
          agree++;
        }
      } else {
        String kind = e.reason().startsWith("\"") ? "phrase matches none of the options"
            : e.reason();
        failures.merge(kind, 1, Integer::sum);
        if (examples.size() < 5) {
          String cut = AnswerExtractor.cut(completions.get(i));
          examples.add(e.reason() + " <- ..." + cut.substring(Math.max(0, cut.length() - 100)));
        }
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    int n = questions.size();
    System.out.printf(Locale.ROOT, "completions %d (%.2f s, %.0f /s)%n", n, secs, n / secs);
    System.out.printf(Locale.ROOT, "answer found and resolved to an option: %d (%.1f %%)%n", found,
        100.0 * found / n);
    System.out.printf(Locale.ROOT, "label-free filter (answer names an option) keeps %d (%.1f %%),"
        + " precision vs gold %.1f %%%n", option, 100.0 * option / n, 100.0 * agree / option);
    System.out.printf(Locale.ROOT, "gold answer check keeps %d (%.1f %% of all; published"
        + " agreement 75.8 %%)%n", agree, 100.0 * agree / n);
    failures.forEach((k, v) -> System.out.println("  not found: " + v + " x " + k));
    examples.forEach(x -> System.out.println("  e.g. " + x.replace('\n', ' ')));
    split(questions, completions);
  }

  /** What the rationale-split stage makes of the raw completions. */
  private static void split(List<JsonNode> questions, List<String> completions) {
    int split = 0;
    int conclusionLeft = 0;
    long steps = 0;
    for (int i = 0; i < questions.size(); i++) {
      List<String> choices = new ArrayList<>();
      questions.get(i).get("choices").forEach(c -> choices.add(c.asText()));
      RationaleSplit s = RationaleSplit.of(completions.get(i), choices);
      if (s.found() && !s.steps().isEmpty()) {
        split++;
        steps += s.steps().size();
        if (s.steps().stream()
            .anyMatch(x -> x.contains("So the answer is") || x.contains("Q:"))) {
          conclusionLeft++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "rationale-split: %d of %d split into steps + option (%.2f"
        + " steps each); a step still holding \"So the answer is\" or \"Q:\": %d%n", split,
        questions.size(), (double) steps / Math.max(1, split), conclusionLeft);
  }
}
