package org.distill4j.kb.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicCsvImporterTest {
  @TempDir Path tmp;

  private static final String HEADER =
      "event,oEffect,oReact,oWant,xAttr,xEffect,xIntent,xNeed,xReact,xWant,prefix,split\n";

  @Test
  void readsOneTripleForEveryTailAndSkipsNone() throws Exception {
    Path csv = tmp.resolve("atomic.csv");
    Files.writeString(csv, HEADER
        + "PersonX pays the bill,[],\"[\"\"none\"\"]\",[],\"[\"\"generous\"\", \"\"kind, rich\"\"]\","
        + "[],\"[\"\"to be nice\"\"]\",[],[],[],\"[\"\"pays\"\"]\",dev\n"
        + "\"PersonX says \"\"hi\"\"\",[],[],[],[],[],[],\"[\"\"NONE\"\"]\",[],"
        + "\"[\"\"to talk\"\"]\",[],trn\n");
    AtomicCsvImporter.Counts counts = new AtomicCsvImporter.Counts();
    List<CommonsenseTriple> triples;
    try (Stream<CorpusRecord> s = new AtomicCsvImporter().read(csv, counts)) {
      triples = s.map(r -> (CommonsenseTriple) r.knowledge()).toList();
    }
    assertThat(triples).containsExactly(
        new CommonsenseTriple("PersonX pays the bill", "xAttr", "generous"),
        new CommonsenseTriple("PersonX pays the bill", "xAttr", "kind, rich"),
        new CommonsenseTriple("PersonX pays the bill", "xIntent", "to be nice"),
        new CommonsenseTriple("PersonX says \"hi\"", "xWant", "to talk"));
    assertThat(counts.rows()).isEqualTo(2);
    assertThat(counts.skipped()).isEqualTo(2);
  }

  @Test
  void aBadCellNamesFileAndLine() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, HEADER
        + "PersonX eats,[],[],[],[],[],[],[],[],[],[],dev\n"
        + "PersonX runs,[],[],[],not json,[],[],[],[],[],[],dev\n");
    try (Stream<CorpusRecord> s = new AtomicCsvImporter().read(csv, new AtomicCsvImporter.Counts())) {
      assertThatThrownBy(s::toList).isInstanceOf(InputException.class)
          .hasMessageContaining("bad.csv:3").hasMessageContaining("xAttr");
    }
  }

  @Test
  void aFileWithoutTheHeaderIsRefused() throws Exception {
    Path csv = tmp.resolve("other.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    assertThatThrownBy(() -> new AtomicCsvImporter().read(csv, new AtomicCsvImporter.Counts()))
        .isInstanceOf(InputException.class).hasMessageContaining("other.csv:1")
        .hasMessageContaining("event");
  }
}
