package org.distill4j.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML settings file (recipe, pipeline, filter chain, student config) into a type, with
 * every problem reported at the line of the key the user wrote.
 *
 * <p>Binding straight from the YAML stream reports where the parser happens to stand, which for
 * records is after Jackson has buffered the whole section: lines off by the section's length, or
 * past the end of the file. So the file is parsed once into a tree while each key's line is
 * noted, the tree is bound, and a binding error is placed by its key path, which Jackson keeps
 * exact however it buffers.
 *
 * @param <T> the type read
 */
public final class YamlFile<T> implements KeyLines {
  private final Path file;
  private final Map<String, Long> lines;
  private final T value;

  private YamlFile(Path file, Map<String, Long> lines, T value) {
    this.file = file;
    this.lines = lines;
    this.value = value;
  }

  /** Reads {@code file} into {@code type} with the shared YAML mapper. */
  public static <T> YamlFile<T> read(Path file, Class<T> type) {
    return read(file, type, CorpusJson.yaml());
  }

  /** Reads {@code file} with a caller's mapper. An empty file gives a null {@link #value()}. */
  public static <T> YamlFile<T> read(Path file, Class<T> type, ObjectMapper mapper) {
    String text = decode(file);
    Map<String, Long> lines = new HashMap<>();
    JsonNode tree;
    try {
      noteKeyLines(mapper, text, lines);
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return new YamlFile<>(file, lines, null);
    }
    try {
      T value = mapper.readerFor(type).readValue(tree);
      return new YamlFile<>(file, lines, value);
    } catch (JsonMappingException e) {
      List<JsonMappingException.Reference> path = e.getPath();
      YamlProblem problem = YamlProblem.of(e, tree, mapper);
      long line = lineOf(lines, problem.keyPath() == null ? path : problem.keyPath());
      throw new InputException(new SourceLocation(file, line), problem.message(), e);
    } catch (JsonProcessingException e) {
      // A number too large for its key's type fails in the parser, not in binding: the parser's
      // own context still says which key it was reading.
      List<Object> keyPath = e.getProcessor() instanceof JsonParser p
          ? keyPath(p.getParsingContext()) : List.of();
      String key = keyPath.isEmpty() ? "a value" : "\"" + dotted(keyPath) + "\"";
      String found = e.getProcessor() instanceof JsonParser p ? currentText(p) : null;
      throw new InputException(new SourceLocation(file, lineOf(lines, keyPath)), key
          + " is out of range" + (found == null ? "" : ", found " + found), e);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
  }

  /** The value read; null for an empty file. */
  public T value() {
    return value;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /**
   * Where a key is, for checks made after binding: {@code where("output", "format")}; the nearest
   * enclosing key that is present when this one is not (a missing key is reported at its
   * section), the file alone when none is.
   */
  @Override
  public SourceLocation where(Object... keyPath) {
    for (int n = keyPath.length; n > 0; n--) {
      Long line = lines.get(pointer(List.of(keyPath).subList(0, n)));
      if (line != null) {
        return new SourceLocation(file, line);
      }
    }
    return new SourceLocation(file, 0);
  }

  private static String decode(Path file) {
    StringBuilder text = new StringBuilder();
    try (Utf8LineReader in = new Utf8LineReader(Files.newInputStream(file))) {
      for (Utf8LineReader.Line line = in.next(); line != null; line = in.next()) {
        if (line.undecodable()) {
          throw new InputException(new SourceLocation(file, line.number()), line.problem());
        }
        text.append(line.text()).append('\n');
      }
    } catch (NoSuchFileException e) {
      throw new InputException(new SourceLocation(file, 0), "file not found");
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
    return text.toString();
  }

  /** Notes the line of every key and list item, by path; a key written twice is an error. */
  private static void noteKeyLines(ObjectMapper mapper, String text, Map<String, Long> lines)
      throws IOException {
    Deque<Object> path = new ArrayDeque<>();
    Deque<Integer> indexes = new ArrayDeque<>();
    try (JsonParser p = mapper.getFactory().createParser(new ByteArrayInputStream(
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        long line = p.currentTokenLocation().getLineNr();
        if (!indexes.isEmpty() && indexes.peek() >= -1 && t != JsonToken.END_ARRAY) {
          // A value directly inside a list: its index is the next one.
          int index = indexes.pop() + 1;
          indexes.push(index);
          path.addLast(index);
          lines.putIfAbsent(pointer(path), line);
        }
        switch (t) {
          case FIELD_NAME -> {
            path.addLast(p.currentName());
            Long first = lines.putIfAbsent(pointer(path), line);
            if (first != null) {
              throw new JsonKeyTwice(p, "key \"" + p.currentName() + "\" is written twice (first"
                  + " at line " + first + "); keep one");
            }
          }
          case START_OBJECT -> indexes.push(-2);
          case START_ARRAY -> indexes.push(-1);
          case END_OBJECT, END_ARRAY -> indexes.pop();
          default -> { }
        }
        if (t.isScalarValue() || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          // A value ends its key's (or list item's) place in the path.
          if (!path.isEmpty()) {
            path.removeLast();
          }
        }
      }
    }
  }

  private static List<Object> keyPath(JsonStreamContext context) {
    List<Object> path = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        path.add(0, c.getCurrentName());
      } else if (c.inArray()) {
        path.add(0, c.getCurrentIndex());
      }
    }
    return path;
  }

  private static String dotted(List<Object> keyPath) {
    StringBuilder sb = new StringBuilder();
    for (Object k : keyPath) {
      if (k instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        sb.append(sb.length() > 0 ? "." : "").append(k);
      }
    }
    return sb.toString();
  }

  private static String currentText(JsonParser p) {
    try {
      return p.getText();
    } catch (IOException e) {
      return null;
    }
  }

  private static long lineOf(Map<String, Long> lines, List<?> keyPath) {
    for (int n = keyPath.size(); n > 0; n--) {
      Long line = lines.get(pointer(keyPath.subList(0, n)));
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  static String pointer(Iterable<?> keyPath) {
    StringBuilder sb = new StringBuilder();
    for (Object k : keyPath) {
      Object key = k;
      if (k instanceof JsonMappingException.Reference ref) {
        key = ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex();
      }
      sb.append('/').append(key instanceof Integer i ? "#" + i : String.valueOf(key)
          .replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  private static InputException syntaxError(Path file, JsonProcessingException e) {
    if (e instanceof JsonKeyTwice) {
      return new InputException(new SourceLocation(file, e.getLocation().getLineNr()),
          e.getOriginalMessage());
    }
    long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    return new InputException(new SourceLocation(file, line),
        "not valid YAML: " + YamlProblem.syntax(e), e);
  }

  /** A key written twice in one mapping; YAML allows it to parse, but one would be lost. */
  private static final class JsonKeyTwice extends JsonProcessingException {
    JsonKeyTwice(JsonParser p, String message) {
      super(message, p.currentTokenLocation());
    }
  }
}
