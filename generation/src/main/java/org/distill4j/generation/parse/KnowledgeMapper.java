package org.distill4j.generation.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/**
 * Builds knowledge from one item and the prompt's variables, following a recipe's
 * {@code output.fields}: each knowledge field is a template such as {@code "{{event}}"} or
 * {@code "{{item}}"}. Prompt variables (from the seed) win over item fields of the same name, so
 * a teacher cannot rewrite the seed it was given. List fields (steps, choices) take a list as
 * is, or split text into lines.
 */
public final class KnowledgeMapper {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  private static final Pattern STEP_PREFIX =
      Pattern.compile("^\\s*(?:step\\s*\\d+\\s*[:.)-]|\\d{1,3}[.)]|[-*•])\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANSWER_PREFIX =
      Pattern.compile("^\\s*(?:so\\s+)?(?:the\\s+)?(?:final\\s+)?answer\\s*(?:is|:)\\s*",
          Pattern.CASE_INSENSITIVE);

  private final KnowledgeKind kind;
  private final Map<String, String> fields;
  /** Each field's template split once into literal text and variable names (every item uses it). */
  private final Map<String, List<Segment>> compiled;

  /** A piece of a field template: literal text, or the name of a variable to fill in. */
  private record Segment(String literal, String variable) {}

  public KnowledgeMapper(KnowledgeKind kind, Map<String, String> fields) {
    this.kind = kind;
    this.fields = Map.copyOf(fields);
    Map<String, List<Segment>> c = new java.util.HashMap<>();
    for (Map.Entry<String, String> f : this.fields.entrySet()) {
      c.put(f.getKey(), compile(f.getValue()));
    }
    this.compiled = Map.copyOf(c);
  }

  private static List<Segment> compile(String template) {
    List<Segment> out = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template);
    int from = 0;
    while (m.find()) {
      if (m.start() > from) {
        out.add(new Segment(template.substring(from, m.start()), null));
      }
      out.add(new Segment(null, m.group(1)));
      from = m.end();
    }
    if (from < template.length()) {
      out.add(new Segment(template.substring(from), null));
    }
    return List.copyOf(out);
  }

  /** The knowledge, or an {@link IllegalArgumentException} saying which field is wrong. */
  public Knowledge map(Map<String, Object> item, Map<String, String> variables) {
    return switch (kind) {
      case TRIPLE -> new CommonsenseTriple(
          text("head", item, variables), text("relation", item, variables),
          text("tail", item, variables));
      case COMPARATIVE -> new Comparative(
          text("subject", item, variables), text("adjective", item, variables),
          text("object", item, variables), polarity(optional("polarity", item, variables)),
          optional("statement", item, variables));
      case QA -> new QaPair(text("question", item, variables), text("answer", item, variables),
          optional("context", item, variables));
      case RATIONALE -> new Rationale(
          text("question", item, variables), list("choices", item, variables),
          steps(list("steps", item, variables)), answer(text("answer", item, variables)));
    };
  }

  private String text(String field, Map<String, Object> item, Map<String, String> vars) {
    List<Segment> template = compiled.get(field);
    if (template == null) {
      throw new IllegalArgumentException("recipe maps no value to field \"" + field + "\"");
    }
    StringBuilder out = new StringBuilder();
    for (Segment seg : template) {
      if (seg.literal() != null) {
        out.append(seg.literal());
        continue;
      }
      Object v = lookup(seg.variable(), item, vars);
      if (v == null) {
        throw new IllegalArgumentException("item has no field \"" + seg.variable() + "\" (for "
            + field + "); it has " + item.keySet());
      }
      out.append(v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
          : v.toString());
    }
    return out.toString();
  }

  private String optional(String field, Map<String, Object> item, Map<String, String> vars) {
    if (!fields.containsKey(field)) {
      return null;
    }
    try {
      return text(field, item, vars);
    } catch (IllegalArgumentException missing) {
      return null;
    }
  }

  private List<String> list(String field, Map<String, Object> item, Map<String, String> vars) {
    String template = fields.get(field);
    if (template == null) {
      return List.of();
    }
    Matcher whole = VARIABLE.matcher(template.strip());
    if (whole.matches()) {
      Object v = lookup(whole.group(1), item, vars);
      if (v instanceof List<?> l) {
        return l.stream().map(String::valueOf).filter(s -> !s.isBlank()).toList();
      }
      if (v == null) {
        if ("choices".equals(field)) {
          return List.of();
        }
        throw new IllegalArgumentException("item has no field \"" + whole.group(1) + "\" (for "
            + field + "); it has " + item.keySet());
      }
      return splitList(v.toString());
    }
    return splitList(text(field, item, vars));
  }

  private static Object lookup(String name, Map<String, Object> item, Map<String, String> vars) {
    String v = vars.get(name);
    return v != null ? v : item.get(name);
  }

  /** A JSON array in text, else one entry per non-blank line. */
  static List<String> splitList(String s) {
    String t = s.strip();
    if (t.startsWith("[")) {
      LenientJson.Found f = LenientJson.find(t);
      if (f.value() != null && f.value().isArray()) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : f.value()) {
          out.add(n.asText());
        }
        return out;
      }
    }
    return t.lines().map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static List<String> steps(List<String> raw) {
    return raw.stream().map(s -> STEP_PREFIX.matcher(s).replaceFirst("").strip())
        .filter(s -> !s.isEmpty()).toList();
  }

  private static String answer(String raw) {
    String a = ANSWER_PREFIX.matcher(raw).replaceFirst("").strip();
    while (a.endsWith(".")) {
      a = a.substring(0, a.length() - 1).strip();
    }
    return a;
  }

  static Comparative.Polarity polarity(String raw) {
    if (raw == null || raw.isBlank()) {
      return Comparative.Polarity.AFFIRMED;
    }
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "affirmed", "positive", "true", "yes", "+" -> Comparative.Polarity.AFFIRMED;
      case "negated", "negative", "false", "no", "not", "-" -> Comparative.Polarity.NEGATED;
      default -> throw new IllegalArgumentException(
          "polarity must be affirmed or negated, found \"" + raw + "\"");
    };
  }
}
