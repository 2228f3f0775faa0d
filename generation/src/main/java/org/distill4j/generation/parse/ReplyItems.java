package org.distill4j.generation.parse;

import java.util.List;
import java.util.Map;

/**
 * The items a reply holds before they are mapped to knowledge: field maps whose values are
 * strings or lists of strings.
 *
 * @param items the items in reply order
 * @param dropped pieces that were not items (preambles, non-object array elements)
 * @param failure why the reply as a whole could not be read, or null when it could
 */
public record ReplyItems(List<Map<String, Object>> items, List<Fragment> dropped, String failure) {
  public ReplyItems {
    items = List.copyOf(items);
    dropped = List.copyOf(dropped);
  }

  public static ReplyItems failed(String reason) {
    return new ReplyItems(List.of(), List.of(), reason);
  }
}
