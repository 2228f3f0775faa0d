package org.distill4j.export.hf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.parquet.WrittenFile;
import org.distill4j.export.schema.Column;
import org.distill4j.export.survey.CorpusSurvey;

/**
 * The {@code README.md} of an exported dataset: the YAML header ({@link CardHeader}) and a body
 * that states what the export knows and nothing else: the counts, the teachers and recipes named
 * in the records' provenance, the filters from {@code funnel.json}, how the splits were made, the
 * seeds' licence as the user gave it, and every column.
 */
public final class DatasetCard {
  /** What the card says when the user named no licence. */
  public static final String NO_LICENSE = "unknown — set --license";

  private DatasetCard() {}

  /** The whole card. */
  public static String render(CardFacts facts) {
    StringBuilder md = new StringBuilder(CardHeader.yaml(facts));
    CorpusSurvey s = facts.survey();
    md.append("\n# ").append(facts.title()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%,d records (%s) exported by distill4j from `%s`%s.%n",
        s.exported(), kinds(s), s.file().getFileName(), s.teachers().isEmpty() ? ""
            : "; teacher models wrote " + (s.teachers().values().stream()
                .mapToLong(Long::longValue).sum() == s.exported() ? "all" : "some")
            + " of them (see Teachers)"));
    if (s.exported() != s.records()) {
      md.append(String.format(Locale.ROOT, "The corpus holds %,d records; %,d were left out by"
          + " the export's kind filter.%n", s.records(), s.records() - s.exported()));
    }
    configs(facts, md);
    splits(facts, md);
    provenance(s, md);
    filters(facts, md);
    md.append("\n## Licence\n\nSeeds: ").append(facts.license() == null
        || facts.license().isBlank() ? NO_LICENSE : facts.license()).append(".\n");
    if (!s.teachers().isEmpty()) {
      md.append("Teacher models wrote the records' text; check their providers' terms for"
          + " generated text.\n");
    }
    columns(facts, md);
    return md.toString();
  }

  private static String kinds(CorpusSurvey s) {
    return s.kinds().stream().map(KnowledgeKind::id).collect(Collectors.joining(", "));
  }

  private static void configs(CardFacts facts, StringBuilder md) {
    md.append("\n## Configs and splits\n\n| config | split | rows | files |\n|---|---|---:|---|\n");
    for (KnowledgeKind kind : facts.survey().kinds()) {
      for (String split : facts.splitsWithRows(kind)) {
        List<String> files = facts.files().stream()
            .filter(f -> f.kind() == kind && f.split().equals(split))
            .map(WrittenFile::path).map(p -> "`" + p.toString().replace('\\', '/') + "`")
            .toList();
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s |%n",
            facts.layout().config(kind), split, facts.survey().rows(kind, split),
            String.join(" ", files)));
      }
    }
    if (facts.layout().configPerKind()) {
      md.append("\nEach kind is a config of its own, since their columns differ: load one with"
          + " `load_dataset(PATH, \"").append(facts.survey().kinds().iterator().next().id())
          .append("\")`.\n");
    }
  }

  private static void splits(CardFacts facts, StringBuilder md) {
    md.append("\n## How the splits were made\n\n");
    if (!facts.plan().isSplit()) {
      md.append("One split, `train`: the export was not asked to split.\n");
      return;
    }
    md.append("Asked for `").append(facts.plan()).append("` with split seed ")
        .append(facts.splitSeed()).append(". Records are split by group, never one by one: the"
            + " group is the record's `external_id` when it has one, else its seed id (all"
            + " expansions of one seed together), else the text it was asked about (a QA"
            + " pair's passage or question, a rationale's question, a triple's head event, a"
            + " comparative's two entities). SHA-256 of seed and group picks the split, so no"
            + " group is in two splits and the same corpus and seed always split the same"
            + " way. Shares apply to groups, so row counts follow them only roughly.\n");
    List<String> empty = facts.emptySplits();
    if (!empty.isEmpty()) {
      md.append(empty.size() == 1
          ? "\nSplit " + empty.get(0) + " received no records (too few groups for its share)"
              + " and is left out.\n"
          : "\nSplits " + String.join(", ", empty) + " received no records (too few groups for"
              + " their shares) and are left out.\n");
    }
  }

  private static void provenance(CorpusSurvey s, StringBuilder md) {
    md.append("\n## Teachers\n\n");
    if (s.teachers().isEmpty()) {
      md.append("No record names a teacher (imported or hand-written knowledge).\n");
    } else {
      table(md, "teacher (provider/model)", s.teachers());
    }
    if (!s.recipes().isEmpty()) {
      md.append("\n## Recipes\n\n");
      table(md, "recipe (id@version)", s.recipes());
    }
    if (!s.sources().isEmpty()) {
      md.append("\n## Imported sources\n\n");
      table(md, "source", s.sources());
    }
  }

  private static void table(StringBuilder md, String what, Map<String, Long> counts) {
    md.append("| ").append(what).append(" | records |\n|---|---:|\n");
    counts.forEach((name, n) -> md.append(String.format(Locale.ROOT, "| %s | %,d |%n",
        cell(name), n)));
  }

  private static void filters(CardFacts facts, StringBuilder md) {
    md.append("\n## Filters\n\n");
    if (facts.funnel().isPresent()) {
      FunnelSummary f = facts.funnel().get();
      md.append(String.format(Locale.ROOT, "From `%s`: %,d records entered the filter chain"
          + " (%,d invalid lines), %,d were kept and %,d rejected.%n%n", f.file().getFileName(),
          f.input(), f.invalidLines(), f.kept(), f.rejected()));
      md.append("| stage | type | in | out |\n|---|---|---:|---:|\n");
      for (FunnelSummary.Stage st : f.stages()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d |%n", cell(st.name()),
            cell(st.type()), st.in(), st.out()));
      }
    } else {
      List<String> seen = facts.survey().shape().filterNames();
      md.append("No `funnel.json` beside the corpus, so the filter counts are unknown.");
      md.append(seen.isEmpty() ? " No record carries a filter verdict.\n"
          : " Filters named in the records' verdicts: " + String.join(", ", seen) + ".\n");
    }
  }

  private static void columns(CardFacts facts, StringBuilder md) {
    md.append("\n## Columns\n");
    for (KnowledgeKind kind : facts.survey().kinds()) {
      String config = facts.layout().config(kind);
      md.append("\n### ").append(config.equals(kind.id()) ? config : config + " (" + kind.id()
          + ")").append("\n\n| column | type | description |\n|---|---|---|\n");
      for (Column c : facts.schemas().get(kind).columns()) {
        Map.Entry<String, String> type = c.type().hfFeature().entrySet().iterator().next();
        String shown = type.getKey().equals("sequence") ? "list of " + type.getValue()
            : type.getValue();
        md.append("| `").append(c.name()).append("` | ").append(shown)
            .append(c.required() ? "" : ", nullable").append(" | ").append(cell(c.description()))
            .append(" |\n");
      }
    }
  }

  /** Text safe inside a Markdown table cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
