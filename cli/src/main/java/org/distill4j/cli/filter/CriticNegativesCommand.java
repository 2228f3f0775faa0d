package org.distill4j.cli.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.filtering.critic.TripleNegatives;
import org.distill4j.filtering.critic.TripleNegatives.Kind;
import org.distill4j.filtering.critic.TripleNegatives.Triple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Makes labelled training data for a triple critic out of true triples alone. */
@Command(name = "negatives", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Write the true triples of --in (label 1) and negatives made from them (label"
        + " 0) to --out as JSON Lines {head, relation, tail, label, kind, from}. Kinds: tail ="
        + " the tail swapped for another tail of the same relation, head = the head swapped for"
        + " another head of the same relation, relation = the relation swapped. A negative is"
        + " never one of the true triples and never repeated; kind and from say how it was made.",
      "Train on --out with --text '{head} {relation} {tail}' --label label."},
    footer = {"", "Example:",
      "  distill critic negatives --in triples.tsv --head arg1 --relation relation --tail arg2"
          + " --kinds tail,head,relation --per-positive 1 --seed 7 --out labelled.jsonl"})
final class CriticNegativesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "True triples: CSV, TSV (with a header) or JSON Lines.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON Lines.")
  Path out;

  @Option(names = "--head", defaultValue = "head", paramLabel = "FIELD",
      description = "Column with the head.")
  String head;

  @Option(names = "--relation", defaultValue = "relation", paramLabel = "FIELD",
      description = "Column with the relation.")
  String relation;

  @Option(names = "--tail", defaultValue = "tail", paramLabel = "FIELD",
      description = "Column with the tail.")
  String tail;

  @Option(names = "--label", paramLabel = "FIELD", description = "Only rows whose label column"
      + " accepts (true/1/yes, or --positive) are taken as true triples; default: every row.")
  String label;

  @Option(names = "--positive", paramLabel = "VALUE", description = "With --label: the value"
      + " meaning true.")
  String positive;

  @Option(names = "--kinds", split = ",", defaultValue = "tail,head,relation",
      paramLabel = "KIND", description = "Which swaps to make: tail, head, relation.")
  List<String> kinds;

  @Option(names = "--per-positive", defaultValue = "1", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Negatives of each kind per true triple (fewer where a pool runs out).")
  int perPositive;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed (reproducible).")
  long seed;

  @Override
  public Integer call() {
    List<Kind> k = new ArrayList<>();
    try {
      kinds.forEach(s -> k.add(Kind.parse(s)));
    } catch (IllegalArgumentException e) {
      throw new InputException("--kinds: " + e.getMessage());
    }
    List<Triple> positives = readPositives();
    List<TripleNegatives.Negative> negatives =
        TripleNegatives.sample(positives, k, perPositive, seed);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    try (JsonLinesWriter<Map<String, Object>> w = JsonLinesWriter.overwrite(out)) {
      positives.forEach(p -> w.write(line(p, 1, "positive", null)));
      for (TripleNegatives.Negative n : negatives) {
        w.write(line(n.triple(), 0, n.kind().name().toLowerCase(java.util.Locale.ROOT),
            n.from()));
        counts.merge(n.kind(), 1, Integer::sum);
      }
    }
    spec.commandLine().getOut().printf("%d true triples, %d negatives %s -> %s%n",
        positives.size(), negatives.size(), counts, out);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static Map<String, Object> line(Triple t, int label, String kind, Triple from) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("head", t.head());
    m.put("relation", t.relation());
    m.put("tail", t.tail());
    m.put("label", label);
    m.put("kind", kind);
    if (from != null) {
      m.put("from", from.head() + " | " + from.relation() + " | " + from.tail());
    }
    return m;
  }

  private List<Triple> readPositives() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--head", head);
    m.put("--relation", relation);
    m.put("--tail", tail);
    if (label != null) {
      m.put("--label", label);
    }
    List<Triple> out = new ArrayList<>();
    try (SeedReader r = SeedReader.open(in, new FieldMapping(m))) {
      Iterator<ParsedLine<Seed>> it = r.rows();
      while (it.hasNext()) {
        ParsedLine<Seed> line = it.next();
        if (line instanceof ParsedLine.Bad<Seed> bad) {
          throw new InputException(bad.location(), bad.problem());
        }
        Seed s = ((ParsedLine.Good<Seed>) line).value();
        if (label == null || RowMapping.accepted(s.fields().get("--label"), label, positive,
            s.source())) {
          out.add(new Triple(s.fields().get("--head").strip(),
              s.fields().get("--relation").strip(), s.fields().get("--tail").strip()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new InputException(in + ": no true triples");
    }
    return out;
  }
}
