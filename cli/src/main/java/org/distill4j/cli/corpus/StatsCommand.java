package org.distill4j.cli.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.CorpusStats;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Summarises a corpus: counts per kind and relation, lengths, duplicates. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Count the records of FILE per knowledge kind and per relation, show the distribution"
          + " of their lengths in words, and count duplicates (records with the same content"
          + " id). Bad lines are counted and skipped; `distill corpus validate` lists them."
    },
    footer = {"", "Example:", "  distill corpus stats corpora/examples/commonsense.jsonl --json"})
public final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The corpus file.")
  Path file;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    CorpusStats stats = new CorpusStats();
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(file, CorpusRecord.class)) {
      Iterator<ParsedLine<CorpusRecord>> lines = reader.lines();
      while (lines.hasNext()) {
        if (lines.next() instanceof ParsedLine.Good<CorpusRecord> good) {
          stats.add(good.value());
        } else {
          stats.addBadLine();
        }
      }
    }
    CorpusStats.Summary s = stats.summary();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CorpusJson.json().writeValueAsString(s));
    } else {
      print(out, s);
    }
    out.flush();
    return 0;
  }

  private void print(PrintWriter out, CorpusStats.Summary s) {
    out.printf("%s%n", file);
    out.printf("  records      %,d (%,d distinct, %,d duplicate)%n", s.records(), s.distinct(),
        s.duplicates());
    if (s.badLines() > 0) {
      out.printf("  bad lines    %,d (see `distill corpus validate %s`)%n", s.badLines(), file);
    }
    var l = s.lengthWords();
    out.printf("  length       words: min %d, median %d, p90 %d, p99 %d, max %d, mean %.1f%n",
        l.min(), l.p50(), l.p90(), l.p99(), l.max(), l.mean());
    out.println("  per kind and relation");
    for (Map.Entry<String, Long> kind : s.perKind().entrySet()) {
      out.printf("    %-24s %,10d%n", kind.getKey(), kind.getValue());
      Map<String, Long> relations = s.perRelation().get(kind.getKey());
      if (relations.size() > 1 || !relations.containsKey(kind.getKey())) {
        relations.forEach((rel, n) -> out.printf("      %-22s %,10d%n", rel, n));
      }
    }
  }
}
