package org.distill4j.cli.kb;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.kb.ingest.CheckReport;
import org.distill4j.kb.ingest.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Compares the RDF store with the text index, and repairs the index. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the TDB2 store with the Lucene index record by record: ids stored but not"
          + " indexed (missing), indexed but not stored (orphans), and indexed with other"
          + " content (stale). The store is the source of truth; --repair rewrites the index"
          + " to match it, reusing cached vectors.",
      "Exit status 0 when consistent (or repaired), 1 when not."
    },
    footer = {"", "Example:", "  distill kb check --kb kb --repair"})
public final class KbCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;

  @Option(names = "--repair", description = "Make the index match the store.")
  boolean repair;

  @Option(names = "--compact", description = "Also compact the store, reclaiming the space of"
      + " replaced and deleted records.")
  boolean compact;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CheckReport r;
    try (KnowledgeBase base = kb.open(false)) {
      r = base.check(repair);
      if (compact) {
        long before = base.stats().storeBytes();
        base.compact();
        out.printf("compacted the store: %,d -> %,d bytes%n", before, base.stats().storeBytes());
      }
    }
    out.printf("store %,d records, index %,d documents%n", r.storeRecords(), r.indexDocuments());
    line(out, "missing from the index", r.missing());
    line(out, "orphans in the index", r.orphans());
    line(out, "stale in the index", r.stale());
    if (r.consistent()) {
      out.println("consistent");
    } else if (r.repaired()) {
      out.println("repaired: the index now matches the store");
    } else {
      out.println("inconsistent: run again with --repair");
    }
    out.flush();
    return r.consistent() || r.repaired() ? 0 : 1;
  }

  private static void line(PrintWriter out, String what, List<String> ids) {
    if (!ids.isEmpty()) {
      out.printf("  %,d %s: %s%s%n", ids.size(), what,
          String.join(", ", ids.subList(0, Math.min(5, ids.size()))), ids.size() > 5 ? ", ..." : "");
    }
  }
}
