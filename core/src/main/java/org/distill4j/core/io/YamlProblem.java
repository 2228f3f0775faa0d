package org.distill4j.core.io;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A binding error of a YAML settings file in the user's words: the key as written, what its value
 * should be and what it is; never a Java class or field name.
 *
 * @param message the one-line problem, without the location
 * @param keyPath the key the problem is at, when it differs from the exception's own path
 */
record YamlProblem(String message, List<Object> keyPath) {
  private static final Pattern QUOTED_KEY = Pattern.compile("\"([A-Za-z0-9_.-]+)\"");

  static YamlProblem of(JsonMappingException e, JsonNode tree, ObjectMapper mapper) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (e instanceof PropertyBindingException u) {
      String known = u.getKnownPropertyIds() == null ? "" : "; expected one of "
          + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList())
              .stream().collect(Collectors.joining(", "));
      String section = dotted(path.subList(0, Math.max(0, path.size() - 1)));
      String hint = snakeCaseHint(u.getPropertyName(), u.getKnownPropertyIds());
      return new YamlProblem("unknown key \"" + u.getPropertyName() + "\""
          + (section.isEmpty() ? "" : " in " + section) + hint + known, null);
    }
    if (e instanceof InvalidTypeIdException t) {
      return typeId(t, path);
    }
    if (e instanceof ValueInstantiationException v) {
      // Jackson builds a record before it looks at unknown keys, so a typo'd key reaches the
      // record as a missing value; the typo is what the user should hear about.
      YamlProblem unknown = unknownKey(v, path, tree, mapper);
      return unknown != null ? unknown : refused(v, path, tree);
    }
    String key = path.isEmpty() ? "the file" : "\"" + dotted(path) + "\"";
    if (e instanceof InvalidNullException) {
      return new YamlProblem(key + " must have a value, found nothing", null);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return new YamlProblem(key + " must be " + expected(m.getTargetType()) + ", found "
          + found(at(tree, path)), null);
    }
    if (e.getCause() instanceof InputCoercionException) {
      return new YamlProblem(key + " is out of range, found " + found(at(tree, path)), null);
    }
    return new YamlProblem(key + " has a value that cannot be read here: "
        + found(at(tree, path)), null);
  }

  /** A YAML syntax error's problem and context, without SnakeYAML's multi-line excerpt. */
  static String syntax(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y) {
      String context = y.getContext() == null ? "" : " (" + y.getContext() + ")";
      return y.getProblem() + context;
    }
    String m = e.getOriginalMessage();
    return m == null ? "unreadable" : m.lines().findFirst().orElse(m);
  }

  private static YamlProblem unknownKey(ValueInstantiationException v,
      List<JsonMappingException.Reference> path, JsonNode tree, ObjectMapper mapper) {
    JsonNode node = at(tree, path);
    if (v.getType() == null || !node.isObject()) {
      return null;
    }
    Set<String> known = new TreeSet<>();
    mapper.getDeserializationConfig().introspect(v.getType()).findProperties()
        .forEach(p -> known.add(p.getName()));
    for (Class<?> c = v.getType().getRawClass(); c != null; c = c.getSuperclass()) {
      typeProperty(c, known);
      for (Class<?> i : c.getInterfaces()) {
        typeProperty(i, known);
      }
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String section = dotted(path);
        List<Object> keyPath = new ArrayList<>(path);
        keyPath.add(key);
        return new YamlProblem("unknown key \"" + key + "\""
            + (section.isEmpty() ? "" : " in " + section) + snakeCaseHint(key, known)
            + "; expected one of " + String.join(", ", known), keyPath);
      }
    }
    return null;
  }

  private static void typeProperty(Class<?> c, Set<String> known) {
    JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
    if (info != null) {
      known.add(info.property().isEmpty() ? "@type" : info.property());
    }
  }

  /** Keys were once camelCase; an old file should learn the spelling to use. */
  private static String snakeCaseHint(String key, Collection<?> known) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return !snake.equals(key) && known != null && known.contains(snake)
        ? " (keys are snake_case: \"" + snake + "\")" : "";
  }

  private static YamlProblem typeId(InvalidTypeIdException t, List<JsonMappingException.Reference>
      path) {
    Class<?> base = t.getBaseType() == null ? Object.class : t.getBaseType().getRawClass();
    JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
    String property = info == null || info.property().isEmpty() ? "type" : info.property();
    JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
    String known = subtypes == null ? "" : "; expected one of " + Arrays.stream(subtypes.value())
        .map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
    String where = path.isEmpty() ? "" : " in " + dotted(path);
    List<Object> keyPath = new ArrayList<>(path);
    keyPath.add(property);
    String what = t.getTypeId() == null ? "\"" + property + "\" is missing" + where
        : "unknown " + property + " \"" + t.getTypeId() + "\"" + where;
    return new YamlProblem(what + known, keyPath);
  }

  /**
   * A value the type's own check refused. Its message names the key it is about; that key's line
   * is where the user should look, so it is looked up in the section, then from the top.
   */
  private static YamlProblem refused(ValueInstantiationException v,
      List<JsonMappingException.Reference> path, JsonNode tree) {
    Throwable cause = v.getCause();
    String key = path.isEmpty() ? "the file" : "\"" + dotted(path) + "\"";
    if (!(cause instanceof IllegalArgumentException || cause instanceof InputException)
        || cause.getMessage() == null) {
      return new YamlProblem(key + " has an empty item or value where one is needed", null);
    }
    String message = cause.getMessage().lines().findFirst().orElse("");
    Matcher m = QUOTED_KEY.matcher(message);
    while (m.find()) {
      List<Object> named = List.of((Object[]) m.group(1).split("\\."));
      List<Object> inSection = new ArrayList<>(path);
      inSection.add(named.get(named.size() - 1));
      for (List<Object> candidate : List.of(inSection, named)) {
        if (!at(tree, candidate).isMissingNode()) {
          return new YamlProblem(message, candidate);
        }
      }
    }
    return new YamlProblem(message, null);
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class || type == BigInteger.class) {
      return "an integer";
    } else if (type == Double.class || type == double.class || type == Float.class
        || type == float.class || type == BigDecimal.class || type == Number.class) {
      return "a number";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (type == String.class || type == Character.class || Path.class.isAssignableFrom(type)) {
      return "a single text value";
    } else if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
          .collect(Collectors.joining(", "));
    } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    } else if (Map.class.isAssignableFrom(type)) {
      return "a mapping of keys to values";
    }
    return "a section of keys";
  }

  private static String found(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "nothing";
    } else if (node.isTextual()) {
      String s = node.asText();
      return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    } else if (node.isArray()) {
      return "a list";
    } else if (node.isObject()) {
      return "a section of keys";
    }
    return node.asText();
  }

  private static JsonNode at(JsonNode tree, List<?> path) {
    JsonNode node = tree;
    for (Object k : path) {
      Object key = k instanceof JsonMappingException.Reference r
          ? (r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex()) : k;
      node = key instanceof Integer i ? node.path(i) : node.path(String.valueOf(key));
    }
    return node;
  }

  static String dotted(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
