package org.distill4j.bench.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.filtering.rationale.AnswerExtractor;
import org.distill4j.filtering.rationale.Extraction;
import org.distill4j.filtering.rationale.RationaleSplit;

/**
 * Answer extraction coverage on GSM8K solutions. The gold answer is the number after
 * {@code ####} in each human solution. The extractor reads every solution as written, and then
 * the same solutions with their last line rewritten into the other final-answer forms teachers
 * write ({@code A: N} as the GPT-3 solutions end, {@code Answer: N}, "The answer is N.",
 * {@code \boxed{N}}), the reasoning above left as it is: what changes between the rows is only the
 * form of the final answer, and the reasoning's own numbers and {@code <<a*b=c>>} notes stay in
 * the way. Prints, per form, answers found / total, agreement with gold, and refusal reasons;
 * then what the {@code rationale-split} stage makes of the solutions as written.
 *
 * <p>Usage: {@code GsmAnswerEvaluation GSM8K_TRAIN_JSONL}.
 */
public final class GsmAnswerEvaluation {
  private static final Pattern LAST_LINE = Pattern.compile("\\n?####\\s*([^\\n]*)\\s*$");

  private GsmAnswerEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/gsm8k/train.jsonl");
    List<String[]> rows = new ArrayList<>();
    try (JsonLinesReader<JsonNode> r = JsonLinesReader.open(file, JsonNode.class)) {
      r.forEach(n -> rows.add(new String[] {n.get("answer").asText()}));
    }
    Map<String, UnaryOperator<String>> forms = new LinkedHashMap<>();
    forms.put("#### N (as written)", s -> s);
    forms.put("A: N (GPT-3 form)", s -> rewrite(s, "\nA: %s"));
    forms.put("Answer: N", s -> rewrite(s, "\nAnswer: %s"));
    forms.put("The answer is N.", s -> rewrite(s, "\nThe answer is %s."));
    forms.put("\\boxed{N}", s -> rewrite(s, "\nSo the total is $\\boxed{%s}$."));
    System.out.printf(Locale.ROOT, "%-22s %14s %18s %8s%n", "final answer form", "found",
        "agrees with gold", "ms");
    for (Map.Entry<String, UnaryOperator<String>> f : forms.entrySet()) {
      measure(f.getKey(), f.getValue(), rows);
    }
    split(rows);
  }

  /** What the rationale-split stage makes of the solutions as written. */
  private static void split(List<String[]> rows) {
    int split = 0;
    int agree = 0;
    long steps = 0;
    int finalLineInSteps = 0;
    for (String[] row : rows) {
      RationaleSplit s = RationaleSplit.of(row[0], List.of());
      Matcher m = LAST_LINE.matcher(row[0]);
      String gold = m.find() ? AnswerExtractor.number(m.group(1)) : null;
      if (s.found() && !s.steps().isEmpty()) {
        split++;
        steps += s.steps().size();
        if (AnswerExtractor.same(s.answer().answer(), gold)) {
          agree++;
        }
        if (s.steps().stream().anyMatch(x -> x.contains("####"))) {
          finalLineInSteps++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "rationale-split: %d of %d split into steps + answer (%.2f"
        + " steps each), answer agrees with gold %d, #### left in the steps %d%n", split,
        rows.size(), (double) steps / Math.max(1, split), agree, finalLineInSteps);
  }

  private static void measure(String name, UnaryOperator<String> form, List<String[]> rows) {
    long t0 = System.nanoTime();
    int found = 0;
    int agree = 0;
    Map<String, Integer> refusals = new TreeMap<>();
    for (String[] row : rows) {
      Matcher m = LAST_LINE.matcher(row[0]);
      String gold = m.find() ? AnswerExtractor.number(m.group(1)) : null;
      Extraction e = AnswerExtractor.extract(form.apply(row[0]), List.of());
      if (e.found()) {
        found++;
        if (gold != null && AnswerExtractor.same(e.answer(), gold)) {
          agree++;
        }
      } else {
        refusals.merge(e.reason().replaceAll("\"[^\"]*\"", "\"…\""), 1, Integer::sum);
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    int n = rows.size();
    System.out.printf(Locale.ROOT, "%-22s %6d (%5.1f%%) %8d (%5.1f%%) %8d%n", name, found,
        100.0 * found / n, agree, 100.0 * agree / n, ms);
    refusals.forEach((k, v) -> System.out.println("    not found: " + v + " x " + k));
  }

  private static String rewrite(String solution, String template) {
    Matcher m = LAST_LINE.matcher(solution);
    if (!m.find()) {
      return solution;
    }
    return solution.substring(0, m.start()) + String.format(Locale.ROOT, template,
        m.group(1).strip());
  }
}
