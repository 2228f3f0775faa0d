package org.distill4j.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.ParsedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void textFilesGiveOneSeedPerNonBlankLine() throws Exception {
    Path f = file("events.txt", "PersonX runs\n\n  PersonX eats  \n");
    List<Seed> seeds = SeedReader.readAll(f, FieldMapping.identity());
    assertThat(seeds).extracting(Seed::fields)
        .containsExactly(Map.of("text", "PersonX runs"), Map.of("text", "PersonX eats"));
    assertThat(seeds.get(1).source().line()).isEqualTo(3);
    List<Seed> mapped = SeedReader.readAll(f, FieldMapping.parse(List.of("event=0")));
    assertThat(mapped.get(0).require("event")).isEqualTo("PersonX runs");
  }

  @Test
  void jsonLinesMapKeysAndReportBadLines() throws Exception {
    Path f = file("s.jsonl", "{\"passage\":\"p1\",\"id\":3}\n[1]\n{\"other\":\"x\"}\n");
    List<ParsedLine<Seed>> rows = new ArrayList<>();
    try (var r = SeedReader.open(f, FieldMapping.parse(List.of("context=passage")))) {
      r.rows().forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(3);
    assertThat(((ParsedLine.Good<Seed>) rows.get(0)).value().fields())
        .isEqualTo(Map.of("context", "p1"));
    assertThat(((ParsedLine.Bad<Seed>) rows.get(1)).message())
        .isEqualTo(f + ":2: expected a JSON object with the seed's fields, found array");
    assertThat(((ParsedLine.Bad<Seed>) rows.get(2)).message())
        .isEqualTo(f + ":3: field(s) [passage] missing; the line has [other]");
  }

  @Test
  void csvWithHeaderMapsByNameOrIndexAndHandlesQuotes() throws Exception {
    Path f = file("pairs.csv", "class,entity1,entity2\nmetal,steel,\"styro, foam\"\nx,y\n");
    List<ParsedLine<Seed>> rows = new ArrayList<>();
    try (var r = SeedReader.open(f, FieldMapping.parse(List.of("a=entity1", "b=2")))) {
      r.rows().forEachRemaining(rows::add);
    }
    var first = ((ParsedLine.Good<Seed>) rows.get(0)).value();
    assertThat(first.fields()).containsExactly(Map.entry("a", "steel"),
        Map.entry("b", "styro, foam"));
    assertThat(first.source().line()).isEqualTo(2);
    var bad = (ParsedLine.Bad<Seed>) rows.get(1);
    assertThat(bad.message()).isEqualTo(f + ":3: expected 3 columns as in the header, found 2");
  }

  @Test
  void tsvKeepsQuotesAsText() throws Exception {
    Path f = file("p.tsv", "head\trel\nsay \"hi\"\txWant\n");
    List<Seed> seeds = SeedReader.readAll(f, FieldMapping.identity());
    assertThat(seeds.get(0).fields()).containsEntry("head", "say \"hi\"").containsEntry("rel",
        "xWant");
  }

  @Test
  void mappingToAnUnknownColumnFailsBeforeReading() throws Exception {
    Path f = file("p.csv", "a,b\n1,2\n");
    assertThatThrownBy(() -> SeedReader.readAll(f, FieldMapping.parse(List.of("x=c"))))
        .isInstanceOf(InputException.class)
        .hasMessage(f + ":1: field \"x\" maps to column \"c\", but the header has [a, b]");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("event")))
        .hasMessageContaining("name=source");
    assertThatThrownBy(() -> SeedReader.readAll(dir.resolve("x.pdf"), FieldMapping.identity()))
        .isInstanceOf(InputException.class);
  }

  @Test
  void headerlessTablesNameColumnsByNumberAndKeepTheFirstRow() throws Exception {
    Path f = file("pairs.csv", "metal\tsteel\tstyrofoam\nanimal\ta cheetah\ta snail\nbad\n");
    List<ParsedLine<Seed>> rows = new ArrayList<>();
    try (var r = SeedReader.open(f, SeedFormat.parse("tsv-no-header"),
        FieldMapping.parse(List.of("entity1=1", "entity2=2")))) {
      r.rows().forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(3);
    assertThat(((ParsedLine.Good<Seed>) rows.get(0)).value().fields())
        .containsExactly(Map.entry("entity1", "steel"), Map.entry("entity2", "styrofoam"));
    assertThat(rows.get(0).location().line()).isEqualTo(1);
    assertThat(((ParsedLine.Bad<Seed>) rows.get(2)).message())
        .isEqualTo(f + ":3: expected 3 columns as in the first row, found 1");
    assertThat(SeedFormat.TSV_NO_HEADER.id()).isEqualTo("tsv-no-header");
  }
}
