package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undecodable bytes are reported at their own line, however far into the file they are. */
class Utf8LineReaderTest {
  @TempDir Path dir;

  /** {@code good} valid lines, one line with a Latin-1 byte, then {@code after} valid lines. */
  static byte[] fileWithBadLine(int good, int after, String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < good; i++) {
      out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("{\"note\":\"caf".getBytes(StandardCharsets.UTF_8));
    out.write(0xe9);
    out.writeBytes("\"}\r\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < after; i++) {
      out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void linesCarryTheirNumberAndABadLineItsColumn() throws Exception {
    Path f = dir.resolve("t.txt");
    Files.write(f, fileWithBadLine(3000, 2, "été"));
    List<Utf8LineReader.Line> bad = new ArrayList<>();
    long count = 0;
    try (Utf8LineReader r = new Utf8LineReader(Files.newInputStream(f))) {
      for (Utf8LineReader.Line l = r.next(); l != null; l = r.next()) {
        count++;
        if (l.undecodable()) {
          bad.add(l);
        } else {
          assertThat(l.text()).isEqualTo("été");
        }
      }
    }
    assertThat(count).isEqualTo(3003);
    assertThat(bad).singleElement().satisfies(l -> {
      assertThat(l.number()).isEqualTo(3001);
      assertThat(l.problem()).isEqualTo("bytes that are not UTF-8 at column 13; save the file as"
          + " UTF-8");
    });
  }

  @Test
  void aCorpusReaderReportsTheBadLineAndKeepsGoing() throws Exception {
    String good = JsonLinesReaderTest.GOOD2;
    Path f = dir.resolve("c.jsonl");
    Files.write(f, fileWithBadLine(2500, 3, good));
    List<ParsedLine<CorpusRecord>> lines = new ArrayList<>();
    try (var r = JsonLinesReader.open(f, CorpusRecord.class)) {
      r.lines().forEachRemaining(lines::add);
    }
    assertThat(lines).hasSize(2504);
    assertThat(lines.stream().filter(l -> l instanceof ParsedLine.Bad).toList()).singleElement()
        .satisfies(l -> assertThat(((ParsedLine.Bad<?>) l).message())
            .isEqualTo(f + ":2501: bytes that are not UTF-8 at column 13; save the file as UTF-8"));
    assertThat(lines.get(2503).location().line()).isEqualTo(2504);
  }

  @Test
  void aByteOrderMarkAndCrLfAreNotPartOfTheText() throws Exception {
    Path f = dir.resolve("bom.txt");
    Files.write(f, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', '\r', '\n', 'b'});
    try (Utf8LineReader r = new Utf8LineReader(Files.newInputStream(f))) {
      assertThat(r.next()).isEqualTo(new Utf8LineReader.Line(1, "a", true, null));
      assertThat(r.next()).isEqualTo(new Utf8LineReader.Line(2, "b", false, null));
      assertThat(r.next()).isNull();
    }
  }
}
