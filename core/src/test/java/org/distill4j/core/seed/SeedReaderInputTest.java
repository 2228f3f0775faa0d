package org.distill4j.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.ParsedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bytes, empty files and columns a recipe needs, in every seed format. */
class SeedReaderInputTest {
  @TempDir Path dir;

  /** A header (when given), {@code rows} rows, one with a Latin-1 byte at row {@code badRow}. */
  private Path table(String name, String header, int rows, int badRow) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (header != null) {
      out.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 1; i <= rows; i++) {
      String row = name.endsWith(".jsonl") ? "{\"event\":\"PersonX eats " + i + "\"}"
          : "PersonX eats " + i + (name.endsWith(".csv") ? ",xNeed" : "");
      out.writeBytes(row.getBytes(StandardCharsets.UTF_8));
      if (i == badRow) {
        out.write(0xe9);
      }
      out.write('\n');
    }
    Path f = dir.resolve(name);
    Files.write(f, out.toByteArray());
    return f;
  }

  private List<ParsedLine<Seed>> rows(Path f, FieldMapping mapping) {
    List<ParsedLine<Seed>> rows = new ArrayList<>();
    try (SeedReader r = SeedReader.open(f, mapping)) {
      r.rows().forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void aBadLineIsReportedAtItsLineAndTheOthersKeepFlowing() throws Exception {
    Path text = table("s.txt", null, 3000, 2990);
    Path csv = table("s.csv", "event,relation", 3000, 2990);
    Path jsonl = table("s.jsonl", null, 3000, 2990);
    for (Path f : List.of(text, csv, jsonl)) {
      List<ParsedLine<Seed>> rows = rows(f, FieldMapping.identity());
      assertThat(rows).as(f.toString()).hasSize(3000);
      List<String> bad = rows.stream().filter(r -> r instanceof ParsedLine.Bad)
          .map(r -> ((ParsedLine.Bad<?>) r).message()).toList();
      long line = f == csv ? 2991 : 2990;
      assertThat(bad).as(f.toString()).singleElement().asString()
          .startsWith(f + ":" + line + ": bytes that are not UTF-8 at column");
      assertThat(rows.get(2999).location().line()).isEqualTo(f == csv ? 3001 : 3000);
    }
  }

  @Test
  void emptyFilesAreRefusedNamingTheFile() throws Exception {
    for (String name : List.of("e.txt", "e.jsonl", "e.csv", "e.tsv")) {
      Path f = dir.resolve(name);
      Files.writeString(f, "\n  \n");
      assertThatThrownBy(() -> SeedReader.open(f, FieldMapping.identity()))
          .as(name).isInstanceOf(InputException.class).message()
          .startsWith(f + ": no seeds in " + f);
    }
    Path headerOnly = dir.resolve("h.csv");
    Files.writeString(headerOnly, "event,relation\n");
    assertThatThrownBy(() -> SeedReader.open(headerOnly, FieldMapping.identity()))
        .isInstanceOf(InputException.class)
        .hasMessage(headerOnly + ": no seeds in " + headerOnly + "; the file has no rows after"
            + " its header");
  }

  @Test
  void aFieldTheRecipeNeedsMustBeAmongTheColumns() throws Exception {
    Path csv = table("s.csv", "head,relation", 3, 0);
    try (SeedReader r = SeedReader.open(csv, FieldMapping.identity())) {
      assertThatThrownBy(() -> r.requireFields(List.of("event")))
          .isInstanceOf(InputException.class)
          .hasMessage(csv + ":1: the recipe needs the seed field \"event\", but the seeds have"
              + " [head, relation]; map a column to it with fields event=COLUMN");
      r.requireFields(List.of("head"));
    }
    try (SeedReader r = SeedReader.open(csv, FieldMapping.parse(List.of("event=head")))) {
      r.requireFields(List.of("event"));
    }
    Path jsonl = table("s.jsonl", null, 3, 0);
    try (SeedReader r = SeedReader.open(jsonl, FieldMapping.identity())) {
      // Each JSON line brings its own keys: checked row by row.
      r.requireFields(List.of("passage"));
    }
  }
}
