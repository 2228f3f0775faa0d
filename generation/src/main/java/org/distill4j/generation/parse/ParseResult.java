package org.distill4j.generation.parse;

import java.util.List;
import org.distill4j.core.knowledge.Knowledge;

/**
 * What one reply yielded.
 *
 * @param knowledge the items that became knowledge, in reply order, duplicates within the reply
 *     removed
 * @param ids the content id of each item of {@code knowledge}, at the same index (computed once
 *     here, where duplicates are found, so writers need not hash the item again)
 * @param dropped everything else in the reply, each with its reason
 * @param failure why the reply yielded nothing usable, or null when it yielded knowledge
 */
public record ParseResult(
    List<Knowledge> knowledge, List<String> ids, List<Fragment> dropped, String failure) {
  public ParseResult {
    knowledge = List.copyOf(knowledge);
    ids = List.copyOf(ids);
    if (ids.size() != knowledge.size()) {
      throw new IllegalArgumentException(
          knowledge.size() + " items of knowledge but " + ids.size() + " content ids");
    }
    dropped = List.copyOf(dropped);
  }

  /** True when the reply gave at least one piece of knowledge. */
  public boolean usable() {
    return failure == null && !knowledge.isEmpty();
  }
}
