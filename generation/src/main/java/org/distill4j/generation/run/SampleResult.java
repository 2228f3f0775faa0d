package org.distill4j.generation.run;

import org.distill4j.teacher.batch.FailureKind;
import org.distill4j.teacher.batch.Outcome;
import org.distill4j.generation.parse.ParseResult;

/**
 * How one sample of a prompt ended after any re-asks.
 *
 * @param outcome the runner's outcome of the last request asked
 * @param parse the parse of its reply; null when there was no reply
 * @param attempts HTTP attempts over all re-asks
 * @param reasks how many times it was asked again
 */
record SampleResult(Outcome outcome, ParseResult parse, int attempts, int reasks) {

  boolean usable() {
    return parse != null && parse.usable();
  }

  /** The failure category for failures.jsonl. */
  String category() {
    if (outcome instanceof Outcome.Failed f) {
      return f.kind() == FailureKind.OTHER ? "other" : f.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
    String reason = parse.failure();
    if (reason != null && reason.startsWith("reply cut")) {
      return "truncated";
    }
    if (reason != null && reason.startsWith("empty reply")) {
      return "empty";
    }
    return "parse";
  }

  String reason() {
    if (outcome instanceof Outcome.Failed f) {
      return f.reason();
    }
    return parse.failure();
  }

  String raw() {
    return outcome instanceof Outcome.Answered a ? a.reply().text() : null;
  }
}
