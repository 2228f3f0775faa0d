package org.distill4j.examples;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.SparqlRows;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;

/**
 * Loads a corpus of records into a knowledge base (a TDB2 store and a Lucene index in one
 * folder), then asks it in SPARQL and by keywords.
 *
 * <p>Arguments: {@code [CORPUS [KB_DIR]]}, by default the fifteen hand-written records of
 * {@code corpora/examples/mixed.jsonl} (or the {@code filtered/kept.jsonl} that
 * {@link GenerateAndFilter} writes) into {@code runs/java-example/kb}.
 */
public final class QueryKnowledgeBase {
  private QueryKnowledgeBase() {}

  /** What the queries found. */
  public record Answers(IngestReport ingest, SparqlRows kinds, List<SearchHit> hits) {}

  public static void main(String[] args) {
    Path corpus = args.length > 0 ? Path.of(args[0]) : Repo.file("corpora/examples/mixed.jsonl");
    run(corpus, Path.of(args.length > 1 ? args[1] : "runs/java-example/kb"));
  }

  /** Ingests {@code corpus} into {@code kbDir} (again: a no-op) and queries it. */
  public static Answers run(Path corpus, Path kbDir) {
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      // vectors=false: keyword search and SPARQL only. true embeds every record (all-MiniLM,
      // in process) for SearchMode.VECTOR and HYBRID as well.
      IngestReport ingest = kb.ingestFiles(List.of(corpus),
          IngestSettings.of(false, violation -> System.err.println("not stored: " + violation)));
      System.out.printf("%d records read: %d added, %d unchanged%n", ingest.read(),
          ingest.added(), ingest.unchanged());

      SparqlRows kinds = kb.select("""
          PREFIX kd: <https://w3id.org/distill4j/kd#>
          SELECT ?kind (COUNT(?record) AS ?n)
          WHERE { VALUES ?kind { kd:CommonsenseTriple kd:QaPair kd:Rationale kd:Comparative }
                  ?record a ?kind }
          GROUP BY ?kind ORDER BY DESC(?n) ?kind""");
      kinds.rows().forEach(row -> System.out.println(row.get("kind") + "  " + row.get("n")));

      List<SearchHit> hits = kb.search(SearchRequest.of("bread neighbours", SearchMode.BM25, 3));
      hits.forEach(hit -> System.out.printf("%.3f  %s%n", hit.score(),
          hit.record().knowledge().text()));
      return new Answers(ingest, kinds, hits);
    }
  }
}
