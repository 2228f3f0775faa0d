package org.distill4j.core.seed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.io.Utf8LineReader;

/**
 * Streams seeds from a text, JSON Lines, CSV or TSV file, applying a {@link FieldMapping}. Bad
 * rows (a missing column, a JSON line that is not an object) are reported with their line number
 * through a {@link BadLinePolicy}; good rows keep flowing.
 */
public final class SeedReader implements Closeable {
  private final Path file;
  private final FieldMapping mapping;
  private final Iterator<ParsedLine<Seed>> rows;
  private final Closeable resource;
  /** The fields every seed has, when the format says so up front (not for JSON Lines). */
  private Set<String> knownFields;

  private SeedReader(Path file, FieldMapping mapping, SeedFormat format) {
    this.file = file;
    this.mapping = mapping;
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), "seed file not found");
    }
    try {
      switch (format) {
        case TEXT -> {
          Utf8LineReader in = new Utf8LineReader(Files.newInputStream(file));
          resource = in;
          rows = textRows(in);
        }
        case JSONL -> {
          JsonLinesReader<JsonNode> in = JsonLinesReader.open(file, JsonNode.class);
          resource = in;
          rows = jsonRows(in.lines());
        }
        case CSV, TSV, CSV_NO_HEADER, TSV_NO_HEADER -> {
          DecodedTable in = new DecodedTable(new Utf8LineReader(Files.newInputStream(file)));
          resource = in;
          boolean tabs = format == SeedFormat.TSV || format == SeedFormat.TSV_NO_HEADER;
          try {
            rows = tableRows(in, tabs ? '\t' : ',', format.hasHeader());
          } catch (RuntimeException | IOException e) {
            // A refused header: the file is not read further, so it is closed here.
            in.close();
            throw e;
          }
        }
        default -> throw new IllegalStateException(format.name());
      }
    } catch (NoSuchFileException e) {
      throw new InputException(new SourceLocation(file, 0), "seed file not found");
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
    }
    if (!rows.hasNext()) {
      close();
      throw new InputException(new SourceLocation(file, 0), "no seeds in " + file
          + "; the file has no rows" + (format.hasHeader() ? " after its header" : ""));
    }
  }

  /** Opens {@code file} in the format its name says. */
  public static SeedReader open(Path file, FieldMapping mapping) {
    return new SeedReader(file, mapping, SeedFormat.of(file));
  }

  /** Opens {@code file} in the given format. */
  public static SeedReader open(Path file, SeedFormat format, FieldMapping mapping) {
    return new SeedReader(file, mapping, format);
  }

  /**
   * Refuses, before any row is used, a table or text file whose seeds cannot have every field in
   * {@code needed} (the recipe's inputs): each of its rows would be a bad seed. JSON Lines rows
   * each bring their own keys and are checked row by row instead.
   */
  public void requireFields(Collection<String> needed) {
    if (knownFields == null) {
      return;
    }
    for (String field : needed) {
      if (!knownFields.contains(field)) {
        throw new SettingException(new SourceLocation(file, 1), "fields",
            "the recipe needs the seed field \"" + field + "\", but the seeds have " + knownFields
                + "; map a column to it with {setting} " + field + "=COLUMN");
      }
    }
  }

  /** Every row's outcome in file order; consume once. */
  public Iterator<ParsedLine<Seed>> rows() {
    return rows;
  }

  /** The good seeds; bad rows go to {@code policy}. */
  public Stream<Seed> seeds(BadLinePolicy policy) {
    Iterator<Seed> it =
        new Iterator<>() {
          private Seed next;

          @Override
          public boolean hasNext() {
            while (next == null && rows.hasNext()) {
              ParsedLine<Seed> row = rows.next();
              if (row instanceof ParsedLine.Good<Seed> g) {
                next = g.value();
              } else {
                policy.onBadLine((ParsedLine.Bad<?>) row);
              }
            }
            return next != null;
          }

          @Override
          public Seed next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Seed s = next;
            next = null;
            return s;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Reads every seed of a file into memory, failing at the first bad row. For small files. */
  public static List<Seed> readAll(Path file, FieldMapping mapping) {
    try (SeedReader r = open(file, mapping); Stream<Seed> s = r.seeds(BadLinePolicy.failFast())) {
      return s.toList();
    }
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Iterator<ParsedLine<Seed>> textRows(Utf8LineReader in) {
    for (String source : mapping.sources().values()) {
      if (FieldMapping.columnIndex(source) != 0) {
        throw new InputException(
            new SourceLocation(file, 0),
            "a text seed file has one column (0), so a mapping can only name 0, found \"" + source
                + "\"");
      }
    }
    knownFields = mapping.isIdentity() ? Set.of("text")
        : new LinkedHashSet<>(mapping.sources().keySet());
    return new Iterator<>() {
      private ParsedLine<Seed> next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          Utf8LineReader.Line read;
          try {
            read = in.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (read == null) {
            return false;
          }
          long line = read.number();
          String text = read.text();
          if (read.undecodable()) {
            next = new ParsedLine.Bad<>(new SourceLocation(file, line), read.problem(), text,
                false);
          } else if (!text.isBlank()) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (mapping.isIdentity()) {
              fields.put("text", text.strip());
            } else {
              mapping.sources().keySet().forEach(name -> fields.put(name, text.strip()));
            }
            next = new ParsedLine.Good<>(new SourceLocation(file, line), new Seed(fields,
                new SourceLocation(file, line)));
          }
        }
        return true;
      }

      @Override
      public ParsedLine<Seed> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ParsedLine<Seed> n = next;
        next = null;
        return n;
      }
    };
  }

  private Iterator<ParsedLine<Seed>> jsonRows(Iterator<ParsedLine<JsonNode>> lines) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public ParsedLine<Seed> next() {
        ParsedLine<JsonNode> line = lines.next();
        if (line instanceof ParsedLine.Bad<JsonNode> bad) {
          return new ParsedLine.Bad<>(bad.location(), bad.problem(), bad.raw(), bad.torn());
        }
        ParsedLine.Good<JsonNode> good = (ParsedLine.Good<JsonNode>) line;
        JsonNode node = good.value();
        if (!node.isObject()) {
          return new ParsedLine.Bad<>(good.location(),
              "expected a JSON object with the seed's fields, found " + node.getNodeType()
                  .name().toLowerCase(), node.toString(), false);
        }
        Map<String, String> source = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> source.put(e.getKey(),
            e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return mapping.apply(good.location(), source, node.toString());
      }
    };
  }

  private Iterator<ParsedLine<Seed>> tableRows(DecodedTable in, char separator,
      boolean hasHeader) throws IOException {
    TableRows table = TableRows.open(file, mapping, in, separator, hasHeader);
    knownFields = new LinkedHashSet<>(mapping.isIdentity() ? table.columns()
        : mapping.sources().keySet());
    return table;
  }
}
