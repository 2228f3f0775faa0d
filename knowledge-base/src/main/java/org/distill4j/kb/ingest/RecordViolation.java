package org.distill4j.kb.ingest;

import java.util.List;

/**
 * A record that was not stored, and why: it broke a SHACL shape or could not be read.
 *
 * @param origin where it came from, {@code file:line} or {@code record N}
 * @param id its content id, or null when it could not be read
 * @param problems one message per violation, naming the property and the rule
 */
public record RecordViolation(String origin, String id, List<String> problems) {
  public RecordViolation {
    problems = List.copyOf(problems);
  }
}
