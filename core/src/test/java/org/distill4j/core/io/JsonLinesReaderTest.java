package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
  @TempDir Path dir;

  static final String GOOD1 =
      "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"PersonX runs\",\"relation\":\"xNeed\","
          + "\"tail\":\"shoes\"}}";
  static final String GOOD2 =
      "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"Who?\",\"answer\":\"Ann\"}}";

  private Path write(String... lines) throws Exception {
    Path f = dir.resolve("c.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private List<ParsedLine<CorpusRecord>> readAll(Path f) {
    List<ParsedLine<CorpusRecord>> out = new ArrayList<>();
    try (var r = JsonLinesReader.open(f, CorpusRecord.class)) {
      r.lines().forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void reportsEveryBadLineWithItsNumberAndWhatWasWrong() throws Exception {
    Path f = write(GOOD1,
        "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"x\",\"relation\":\"xNeed\"}}",
        GOOD2,
        "",
        "{not json",
        "{\"knowledge\":{\"kind\":\"fact\",\"text\":\"x\"}}",
        "{\"knowledge\":" + GOOD2.substring(13, GOOD2.length() - 1) + ",\"colour\":1}",
        GOOD1 + " trailing");
    var lines = readAll(f);
    var bad = lines.stream().filter(l -> l instanceof ParsedLine.Bad).map(
        l -> ((ParsedLine.Bad<CorpusRecord>) l).message()).toList();
    assertThat(lines).hasSize(7);
    assertThat(bad).hasSize(5);
    assertThat(bad.get(0)).isEqualTo(f + ":2: in \"knowledge\": field \"tail\" is missing");
    assertThat(bad.get(1)).startsWith(f + ":5: invalid JSON at column");
    assertThat(bad.get(2)).startsWith(f + ":6: in \"knowledge\": unknown kind \"fact\"; expected"
        + " one of qa, rationale, comparative, triple");
    assertThat(bad.get(3)).startsWith(f + ":7: unknown field \"colour\"; expected one of")
        .contains("knowledge");
    assertThat(bad.get(4)).startsWith(f + ":8:");
    assertThat(lines.stream().filter(l -> l instanceof ParsedLine.Good).map(
        l -> l.location().line())).containsExactly(1L, 3L);
  }

  @Test
  void failFastStopsAtTheFirstBadLine() throws Exception {
    Path f = write(GOOD1, "[]", GOOD2);
    try (var r = JsonLinesReader.open(f, CorpusRecord.class)) {
      List<CorpusRecord> seen = new ArrayList<>();
      assertThatThrownBy(() -> r.forEach(seen::add))
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith(f + ":2:");
      assertThat(seen).hasSize(1);
    }
  }

  @Test
  void lenientReadingRoutesBadLinesToARejectFileAndCountsThem() throws Exception {
    Path f = write(GOOD1, "{oops", GOOD2, "{\"knowledge\":{\"kind\":\"qa\"}}");
    Path rejects = dir.resolve("out/rejects.jsonl");
    List<CorpusRecord> kept;
    try (var r = JsonLinesReader.open(f, CorpusRecord.class);
        var sink = RejectFile.appendingTo(rejects)) {
      kept = r.records(sink).toList();
      assertThat(sink.count()).isEqualTo(2);
      assertThat(r.badLines()).isEqualTo(2);
      assertThat(r.goodLines()).isEqualTo(2);
    }
    assertThat(kept).hasSize(2);
    List<RejectFile.RejectedLine> rej = new ArrayList<>();
    try (var r = JsonLinesReader.open(rejects, RejectFile.RejectedLine.class)) {
      r.forEach(rej::add);
    }
    assertThat(rej).extracting(RejectFile.RejectedLine::line).containsExactly(2L, 4L);
    assertThat(rej.get(0).raw()).isEqualTo("{oops");
  }

  @Test
  void aLastLineCutMidWriteIsReportedAsTornAndTheLinesBeforeItAreKept() throws Exception {
    Path f = dir.resolve("cut.jsonl");
    Files.writeString(f, GOOD1 + "\n" + GOOD2 + "\n" + GOOD1.substring(0, 30));
    var lines = readAll(f);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isInstanceOf(ParsedLine.Good.class);
    assertThat(lines.get(1)).isInstanceOf(ParsedLine.Good.class);
    var torn = (ParsedLine.Bad<CorpusRecord>) lines.get(2);
    assertThat(torn.torn()).isTrue();
    assertThat(torn.message()).startsWith(f + ":3: last line is cut off");
  }

  @Test
  void aCompleteLastLineWithoutNewlineIsAnOrdinaryRecord() throws Exception {
    Path f = dir.resolve("hand.jsonl");
    Files.writeString(f, GOOD1 + "\n" + GOOD2);
    assertThat(readAll(f)).allMatch(l -> l instanceof ParsedLine.Good);
  }

  @Test
  void aMissingFileIsAnInputErrorNamingIt() {
    Path f = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> JsonLinesReader.open(f, CorpusRecord.class))
        .isInstanceOf(InputException.class).hasMessage(f + ": file not found");
  }

  /** A value whose constructor runs the JVM out of memory on one input, as a huge record can. */
  record Greedy(String name) {
    Greedy {
      if (name.equals("huge")) {
        throw new OutOfMemoryError("Java heap space");
      }
    }
  }

  @Test
  void runningOutOfMemoryIsNotABadLine() throws Exception {
    Path f = dir.resolve("greedy.jsonl");
    Files.writeString(f, "{\"name\": \"small\"}\n{\"name\": \"huge\"}\n");
    try (JsonLinesReader<Greedy> r = JsonLinesReader.open(f, Greedy.class)) {
      assertThatThrownBy(() -> r.records(line -> { }).toList())
          .isInstanceOf(OutOfMemoryError.class);
    }
    assertThatThrownBy(() -> JsonLinesReader.problem("{\"name\": \"huge\"}", Greedy.class))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(JsonLinesReader.problem("{\"name\": 1, \"x\": 2}", Greedy.class))
        .contains("x");
  }
}
