package org.distill4j.neural.decoder.chat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code tojson} filter as transformers defines it for chat templates: Python's
 * {@code json.dumps(x, ensure_ascii=False, indent=indent)} with the keys in insertion order. Jinjava's
 * own filter writes compact JSON ({@code {"a":1}}), where Python writes {@code {"a": 1}}; the
 * difference changes the rendered prompt, so tool schemas would tokenise differently from Python.
 */
final class PythonJsonFilter implements Filter {
  @Override
  public String getName() {
    return "tojson";
  }

  @Override
  public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
    Integer indent = args.length > 0 && args[0] != null ? Integer.valueOf(args[0]) : null;
    return dumps(value, indent);
  }

  @Override
  public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args,
      Map<String, Object> kwargs) {
    Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
    return dumps(value, indent == null ? null : Integer.valueOf(indent.toString()));
  }

  /** {@code json.dumps}: ", " and ": " between items when compact, "," and newlines when indented. */
  static String dumps(Object value, Integer indent) {
    StringBuilder out = new StringBuilder();
    write(out, value, indent, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, Integer indent, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      writeItems(out, '{', '}', map.entrySet().iterator(), indent, depth);
    } else if (value instanceof Collection<?> list) {
      writeItems(out, '[', ']', list.iterator(), indent, depth);
    } else if (value instanceof ChatMessage m) {
      writeItems(out, '{', '}', ChatTemplate.asMap(m).entrySet().iterator(), indent, depth);
    } else {
      out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value.toString()))
          .append('"');
    }
  }

  private static void writeItems(StringBuilder out, char open, char close, Iterator<?> items,
      Integer indent, int depth) {
    out.append(open);
    boolean first = true;
    while (items.hasNext()) {
      Object item = items.next();
      out.append(first ? "" : indent == null ? ", " : ",");
      first = false;
      if (indent != null) {
        out.append('\n').append(" ".repeat(indent * (depth + 1)));
      }
      if (item instanceof Map.Entry<?, ?> entry) {
        write(out, String.valueOf(entry.getKey()), indent, depth + 1);
        out.append(": ");
        write(out, entry.getValue(), indent, depth + 1);
      } else {
        write(out, item, indent, depth + 1);
      }
    }
    if (indent != null && !first) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
    out.append(close);
  }
}
