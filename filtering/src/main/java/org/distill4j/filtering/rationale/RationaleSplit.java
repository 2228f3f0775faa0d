package org.distill4j.filtering.rationale;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A teacher's free-text reasoning split into its steps and its final answer: the text before the
 * sentence that concludes (the first one naming the chosen answer, e.g. "So the answer is 72." or
 * {@code #### 72}) becomes the steps, one per line, a line of several sentences one per sentence;
 * the concluding sentence is a step too when it reasons ("Adding them gives 30, so the answer is
 * 30."); what follows it (a restatement, the next few-shot example) is dropped.
 *
 * @param steps the reasoning steps, possibly empty (the text was only the answer)
 * @param answer the final answer, or why none was read
 */
public record RationaleSplit(List<String> steps, Extraction answer) {
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d(\"])");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)|\\n");
  private static final int MIN_REASONING_WORDS = 4;

  public RationaleSplit {
    steps = List.copyOf(steps);
  }

  /** Splits {@code text}; {@code choices} may be empty for open questions. */
  public static RationaleSplit of(String text, List<String> choices) {
    String cut = AnswerExtractor.cut(text);
    List<AnswerMarkers.Marker> markers = AnswerMarkers.find(cut);
    if (markers.isEmpty()) {
      return new RationaleSplit(List.of(), AnswerExtractor.extract(cut, choices));
    }
    List<Extraction> readings = AnswerExtractor.readings(markers, choices);
    Extraction chosen = AnswerExtractor.choose(readings, choices.isEmpty());
    if (!chosen.found()) {
      return new RationaleSplit(List.of(), chosen);
    }
    int at = markers.get(markers.size() - 1).at();
    for (int i = 0; i < markers.size(); i++) {
      if (chosen.answer().equals(readings.get(i).answer())) {
        at = markers.get(i).at();
        break;
      }
    }
    return new RationaleSplit(steps(cut, at), chosen);
  }

  /** True when a final answer was read. */
  public boolean found() {
    return answer.found();
  }

  /**
   * The steps of {@code text} before the concluding sentence containing {@code at}; that sentence
   * is a step too when it reasons before concluding ("Adding them gives 30, so the answer is 30").
   */
  private static List<String> steps(String text, int at) {
    int start = at;
    while (start > 0 && "\n.!?".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    String before = text.substring(0, start);
    String conclusion = text.substring(start, at).strip();
    List<String> out = new ArrayList<>();
    for (String line : before.split("\n")) {
      for (String sentence : SENTENCE.split(line.strip())) {
        if (!sentence.isBlank() && !sentence.strip().matches("(?i)A:|Q:.*")) {
          out.add(sentence.strip().replaceFirst("^A:\\s*", ""));
        }
      }
    }
    if (conclusion.split("\\s+").length >= MIN_REASONING_WORDS) {
      Matcher end = SENTENCE_END.matcher(text);
      out.add(text.substring(start, end.find(at) ? end.end() : text.length()).strip());
    }
    return out;
  }
}
