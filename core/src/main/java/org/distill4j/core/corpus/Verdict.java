package org.distill4j.core.corpus;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one filter decided about one record. A rejection always carries its reason, so a
 * rejected record can be explained without rerunning anything.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Verdict.Kept.class, name = "kept"),
  @JsonSubTypes.Type(value = Verdict.Rejected.class, name = "rejected")
})
public sealed interface Verdict {

  /** The name of the filter that gave the verdict. */
  String filter();

  /** True for {@link Kept}. */
  default boolean kept() {
    return this instanceof Kept;
  }

  /** The filter let the record through. */
  record Kept(String filter) implements Verdict {
    public Kept {
      filter = requireFilter(filter);
    }
  }

  /**
   * The filter dropped the record.
   *
   * @param filter the filter's name
   * @param reason why, in words a user can act on (e.g. "near duplicate of 3f2a… (jaccard 0.91)")
   */
  record Rejected(String filter, String reason) implements Verdict {
    public Rejected {
      filter = requireFilter(filter);
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("field \"reason\" of a rejection must not be blank");
      }
    }
  }

  private static String requireFilter(String filter) {
    if (filter == null || filter.isBlank()) {
      throw new IllegalArgumentException("field \"filter\" of a verdict must not be blank");
    }
    return filter;
  }
}
