package org.distill4j.core.knowledge;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four kinds of knowledge a teacher writes; the JSON name is the lower-case id. */
public enum KnowledgeKind {
  QA("qa"),
  RATIONALE("rationale"),
  COMPARATIVE("comparative"),
  TRIPLE("triple");

  private final String id;

  KnowledgeKind(String id) {
    this.id = id;
  }

  /** The name used in JSON, recipes and on the command line. */
  public String id() {
    return id;
  }

  /** Parses an id such as {@code "triple"}; the message lists the valid ones. */
  public static KnowledgeKind fromId(String id) {
    for (KnowledgeKind k : values()) {
      if (k.id.equalsIgnoreCase(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown knowledge kind \"" + id + "\"; expected one of "
            + Arrays.stream(values()).map(KnowledgeKind::id).collect(Collectors.joining(", ")));
  }
}
