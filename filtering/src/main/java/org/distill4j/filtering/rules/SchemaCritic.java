package org.distill4j.filtering.rules;

import java.util.List;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Checks what the record constructors cannot know: that the kind and relation are ones this
 * corpus expects, and that the provenance fields a later stage relies on are present. (Missing or
 * blank knowledge fields never get this far: such lines fail to parse and land in
 * {@code invalid.jsonl}.)
 *
 * @param kinds allowed kind ids; empty allows all
 * @param relations allowed relations; empty allows all
 * @param requiredProvenance provenance fields that must be set, e.g. {@code teacherModel}
 */
public record SchemaCritic(Set<String> kinds, Set<String> relations,
    List<String> requiredProvenance) implements Critic {
  private static final Set<String> PROVENANCE_FIELDS = Set.of("runId", "source",
      "teacherProvider", "teacherModel", "recipeId", "recipeVersion", "recipeHash", "sampling",
      "requestHash", "sampleIndex", "createdAt", "seedId");

  public SchemaCritic {
    kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    relations = relations == null ? Set.of() : Set.copyOf(relations);
    requiredProvenance = requiredProvenance == null ? List.of() : List.copyOf(requiredProvenance);
    for (String f : requiredProvenance) {
      if (!PROVENANCE_FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown provenance field \"" + f + "\"; expected one of "
            + new java.util.TreeSet<>(PROVENANCE_FIELDS));
      }
    }
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(this::one).toList();
  }

  private Assessment one(CorpusRecord r) {
    String kind = r.knowledge().kind().id();
    if (!kinds.isEmpty() && !kinds.contains(kind)) {
      return Assessment.reject("kind \"" + kind + "\" is not one of " + kinds);
    }
    String relation = r.knowledge().relation();
    if (!relations.isEmpty() && !relations.contains(relation)) {
      return Assessment.reject("relation \"" + relation + "\" is not one of " + relations);
    }
    for (String field : requiredProvenance) {
      if (value(r.provenance(), field) == null) {
        return Assessment.reject("provenance field \"" + field + "\" is missing");
      }
    }
    return Assessment.keep();
  }

  private static Object value(Provenance p, String field) {
    return switch (field) {
      case "runId" -> p.runId();
      case "source" -> p.source();
      case "teacherProvider" -> p.teacherProvider();
      case "teacherModel" -> p.teacherModel();
      case "recipeId" -> p.recipeId();
      case "recipeVersion" -> p.recipeVersion();
      case "recipeHash" -> p.recipeHash();
      case "sampling" -> p.sampling();
      case "requestHash" -> p.requestHash();
      case "sampleIndex" -> p.sampleIndex();
      case "seedId" -> p.seedId();
      default -> p.createdAt();
    };
  }
}
