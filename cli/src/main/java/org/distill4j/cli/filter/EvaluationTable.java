package org.distill4j.cli.filter;

import java.util.List;
import java.util.Locale;
import org.distill4j.filtering.critic.CrossValidation;

/** The text table {@code critic evaluate} prints: one line per ranking, then the thresholds. */
final class EvaluationTable {
  private EvaluationTable() {}

  static String render(List<CrossValidation.Result> results, Double target, String how) {
    StringBuilder sb = new StringBuilder();
    CrossValidation.Result first = results.get(0);
    sb.append(String.format(Locale.ROOT, "%d held-out items (%s), %.1f %% accepted%n",
        first.items(), how, 100 * first.prevalence()));
    sb.append(String.format(Locale.ROOT, "%-40s %6s %16s %6s %6s %6s %7s%n", "ranking", "AP",
        "fold AP", "P@30%", "P@50%", "P@70%", "acc@0.5"));
    for (CrossValidation.Result r : results) {
      boolean probability = !r.name().startsWith("baseline:");
      sb.append(String.format(Locale.ROOT, "%-40s %6.3f %8.3f ± %5.3f %6.3f %6.3f %6.3f %7s%n",
          r.name(), r.averagePrecision(), r.foldApMean(), r.foldApSd(), r.precisionAt30(),
          r.precisionAt50(), r.precisionAt70(), probability
              ? String.format(Locale.ROOT, "%.3f", r.accuracyAtHalf()) : "-"));
    }
    if (target != null) {
      sb.append(String.format(Locale.ROOT, "%nthreshold for precision %.2f, picked on each"
          + " fold's training part, applied to its held-out part:%n", target));
      for (CrossValidation.Result r : results) {
        sb.append(String.format(Locale.ROOT, "%-40s thresholds %s  held-out precision %.3f"
            + " recall %.3f keeping %.1f %%%n", r.name(), thresholds(r.thresholds()),
            r.heldOut().precision(), r.heldOut().recall(), 100 * r.heldOut().retention()));
      }
    }
    return sb.toString();
  }

  private static String thresholds(List<Double> t) {
    return t.stream().map(v -> v.isNaN() ? "none" : String.format(Locale.ROOT, "%.3f", v))
        .toList().toString();
  }
}
