package org.distill4j.cli.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.kb.ingest.KbStats;
import org.distill4j.kb.ingest.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows counts and disk sizes of a knowledge base. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Count records, triples, index documents and vectors, per kind and relation,"
        + " and show disk use. TDB2 does not reuse space freed by updates; `kb check --compact`"
        + " reclaims it.",
    footer = {"", "Example:", "  distill kb stats --kb kb --json"})
public final class KbStatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    KbStats s;
    try (KnowledgeBase base = kb.open(false)) {
      s = base.stats();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var node = CorpusJson.json().valueToTree(s);
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("totalBytes", s.totalBytes());
      out.println(CorpusJson.json().writeValueAsString(node));
    } else {
      out.printf("%s%n", kb.dir);
      out.printf("  records         %,d%n", s.records());
      out.printf("  triples         %,d%n", s.triples());
      out.printf("  index documents %,d (%,d with vectors)%n", s.indexDocuments(), s.vectors());
      // Apparent sizes: TDB2 pre-sizes sparse files, so `du` shows fewer blocks in use.
      out.printf("  disk            %,d bytes apparent (store %,d, index %,d, vector cache %,d)%n",
          s.totalBytes(), s.storeBytes(), s.indexBytes(), s.vectorCacheBytes());
      out.println("  per kind");
      s.byKind().forEach((k, n) -> out.printf("    %-22s %,10d%n", k, n));
      out.println("  per relation");
      s.byRelation().forEach((k, n) -> out.printf("    %-22s %,10d%n", k, n));
    }
    out.flush();
    return 0;
  }
}
