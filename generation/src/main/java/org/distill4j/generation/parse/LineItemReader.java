package org.distill4j.generation.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one item per line, in the field {@code item}: list markers ({@code 1.}, {@code 2)},
 * {@code -}, {@code *}, {@code •}), surrounding quotes and code fences are stripped; a line ending
 * in a colon that is not itself a list item is taken for a preamble ("Here are five
 * inferences:") and kept as a dropped fragment.
 */
public final class LineItemReader implements ItemReader {
  private static final Pattern MARKER =
      Pattern.compile("^\\s*(?:\\(?\\d{1,3}[.):]|[-*•+·]|\\[\\d{1,3}])\\s+");
  private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");

  @Override
  public ReplyItems read(String text) {
    List<Map<String, Object>> items = new ArrayList<>();
    List<Fragment> dropped = new ArrayList<>();
    for (String raw : text.split("\\R")) {
      if (raw.isBlank() || FENCE.matcher(raw).matches()) {
        continue;
      }
      boolean marked = MARKER.matcher(raw).find();
      String line = MARKER.matcher(raw).replaceFirst("").strip();
      line = stripQuotes(line);
      if (line.isEmpty()) {
        continue;
      }
      if (!marked && line.endsWith(":")) {
        dropped.add(new Fragment(raw, "preamble line, not an item"));
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", line);
      items.add(m);
    }
    if (items.isEmpty()) {
      return dropped.isEmpty()
          ? ReplyItems.failed("no items in the reply")
          : new ReplyItems(items, dropped, "no items in the reply, only a preamble");
    }
    return new ReplyItems(items, dropped, null);
  }

  private static String stripQuotes(String s) {
    if (s.length() >= 2) {
      char a = s.charAt(0);
      char b = s.charAt(s.length() - 1);
      if ((a == '"' && b == '"') || (a == '\'' && b == '\'') || (a == '“' && b == '”')) {
        return s.substring(1, s.length() - 1).strip();
      }
    }
    return s;
  }
}
