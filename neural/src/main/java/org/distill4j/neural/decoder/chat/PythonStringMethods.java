package org.distill4j.neural.decoder.chat;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The Python {@code str} methods that chat templates call ({@code content.startswith('<think>')},
 * {@code content.split('</think>')[-1].lstrip()}), which Java's {@code String} lacks or spells
 * differently. Placed before Jinjava's own resolver; it answers only for strings and these names,
 * so everything else falls through.
 */
final class PythonStringMethods extends ELResolver {
  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
    if (!(base instanceof String s) || method == null) {
      return null;
    }
    Object[] args = params == null ? new Object[0] : params;
    Object result = switch (method.toString()) {
      case "startswith" -> s.startsWith(text(args, 0));
      case "endswith" -> s.endsWith(text(args, 0));
      case "strip" -> args.length == 0 ? s.strip() : stripRight(stripLeft(s, text(args, 0)),
          text(args, 0));
      case "lstrip" -> args.length == 0 ? s.stripLeading() : stripLeft(s, text(args, 0));
      case "rstrip" -> args.length == 0 ? s.stripTrailing() : stripRight(s, text(args, 0));
      case "split" -> split(s, args);
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "lower" -> s.toLowerCase(Locale.ROOT);
      default -> null;
    };
    if (result != null) {
      context.setPropertyResolved(true);
    }
    return result;
  }

  private static String text(Object[] args, int i) {
    if (args.length <= i || !(args[i] instanceof String s)) {
      throw new IllegalArgumentException("expected a string argument " + (i + 1) + ", found "
          + Arrays.toString(args));
    }
    return s;
  }

  private static String stripLeft(String s, String chars) {
    int start = 0;
    while (start < s.length() && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    return s.substring(start);
  }

  private static String stripRight(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's split: on runs of whitespace without a separator, else on the literal separator. */
  private static List<String> split(String s, Object[] args) {
    if (args.length == 0 || args[0] == null) {
      String stripped = s.strip();
      return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }
    String separator = text(args, 0);
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("split: empty separator");
    }
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
      parts.add(s.substring(from, at));
      from = at + separator.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
