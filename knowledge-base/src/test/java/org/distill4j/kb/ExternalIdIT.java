package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.export.ExportFormat;
import org.distill4j.kb.export.KnowledgeExporter;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.SparqlFormat;
import org.distill4j.kb.query.SparqlRunner;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.kb.vocabulary.KD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own id on a record, through a real TDB2 store and Lucene index. */
class ExternalIdIT {
  @TempDir Path tmp;

  @Test
  void theUsersOwnIdIsALiteralOnTheRecordAndComesBackFromBothStores() throws Exception {
    CorpusRecord plain = Fixtures.records(1).get(0);
    CorpusRecord mine = plain.withExternalId("atomic-dev-00017");
    try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"), texts -> {
      throw new AssertionError("no embedding expected");
    })) {
      kb.ingest(List.of(mine), false);
      assertThat(kb.get(mine.id())).contains(mine);
      var out = new ByteArrayOutputStream();
      new SparqlRunner(kb.store().dataset(), Duration.ofSeconds(5))
          .run(SparqlRunner.parse("PREFIX kd: <" + KD.NS + ">\n"
              + "SELECT ?id WHERE { ?r kd:externalId \"atomic-dev-00017\" ; kd:id ?id }", "q"),
              SparqlFormat.CSV, out);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(mine.id());
      List<SearchHit> hits = kb.search(new SearchRequest("pays the bill", SearchMode.BM25, 5,
          null, null, null, null));
      assertThat(hits).extracting(h -> h.record().externalId()).contains("atomic-dev-00017");
      Path js = tmp.resolve("out.jsonl");
      new KnowledgeExporter(kb.store()).export(ExportFormat.JSONL, js);
      assertThat(Files.readString(js)).contains("\"externalId\":\"atomic-dev-00017\"");
    }
  }

}
