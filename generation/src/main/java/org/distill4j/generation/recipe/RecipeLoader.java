package org.distill4j.generation.recipe;

import org.distill4j.teacher.SamplingSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.KeyLines;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.knowledge.KnowledgeKind;

/**
 * Reads and checks recipe YAML files. Every problem is an {@link InputException} naming the file
 * (and line where YAML gives one): unknown keys, a missing template, a template variable that is
 * neither an input nor an expansion key, an unknown kind or output format.
 */
public final class RecipeLoader {
  private static final ObjectMapper CANONICAL =
      CorpusJson.json().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RecipeLoader() {}

  /** A loaded recipe with the hash of its content and the file it came from. */
  public record LoadedRecipe(Recipe recipe, String hash, Path file) {}

  public static LoadedRecipe load(Path file) {
    YamlFile<Recipe> read = YamlFile.read(file, Recipe.class);
    Recipe recipe = read.value();
    if (recipe == null) {
      throw new InputException(new SourceLocation(file, 0), "recipe file is empty");
    }
    check(recipe, read);
    return new LoadedRecipe(recipe, hash(recipe), file);
  }

  /** The recipe asking for {@code n} samples per prompt instead of its own n; rehashed. */
  public static LoadedRecipe withSamples(LoadedRecipe loaded, int n) {
    Recipe r = loaded.recipe();
    SamplingSpec s = r.sampling();
    Recipe changed = new Recipe(r.id(), r.version(), r.kind(), r.description(), r.inputs(),
        r.expand(), r.system(), r.user(), r.examples(),
        new SamplingSpec(n, s.temperature(), s.topP(), s.maxTokens(), s.seed(), s.logprobs()), r.output());
    check(changed, KeyLines.fileOnly(loaded.file()));
    return new LoadedRecipe(changed, hash(changed), loaded.file());
  }

  /** SHA-256 of the recipe's canonical JSON: changes whenever prompt, sampling or parsing does. */
  public static String hash(Recipe recipe) {
    try {
      return Sha256.hex(CANONICAL.writeValueAsString(CANONICAL.valueToTree(recipe)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the recipe section by section, in file order; the first problem names its line. */
  static void check(Recipe r, KeyLines at) {
    require(r.id(), "id", at);
    require(r.version(), "version", at);
    require(r.kind(), "kind", at);
    require(r.user(), "user", at);
    try {
      r.knowledgeKind();
    } catch (IllegalArgumentException e) {
      throw new InputException(at.where("kind"), "field \"kind\": " + e.getMessage());
    }
    try {
      r.samplingParameters();
    } catch (IllegalArgumentException e) {
      throw new InputException(at.where("sampling"), "sampling: " + e.getMessage());
    }
    checkOutputFormat(r, at);
    Set<String> known = r.promptVariables();
    checkTemplate(r.system(), "system", known, at.where("system"));
    checkTemplate(r.user(), "user", known, at.where("user"));
    checkExpand(r, at);
    checkOutputFields(r, at);
    for (int i = 0; i < r.examples().size(); i++) {
      Recipe.Example ex = r.examples().get(i);
      if (ex.user() == null || ex.assistant() == null) {
        throw new InputException(at.where("examples", i),
            "examples[" + i + "] needs both user and assistant");
      }
    }
  }

  private static void checkOutputFormat(Recipe r, KeyLines at) {
    if (r.output() == null) {
      throw new InputException(at.where(), "field \"output\" is missing; it needs format and"
          + " fields");
    }
    String format = r.output().format();
    if (!"json".equals(format) && !"lines".equals(format)) {
      throw new InputException(at.where("output", "format"),
          "field \"output.format\" must be json or lines, found \"" + format + "\"");
    }
    if (r.output().reasks() < 0) {
      throw new InputException(at.where("output", "max_reasks"),
          "field \"output.max_reasks\" must be 0 or more");
    }
    if (r.output().schema() != null) {
      if (!"json".equals(format)) {
        throw new InputException(at.where("output", "schema"),
            "field \"output.schema\" describes JSON items; it needs output.format json, found "
                + format);
      }
      try {
        r.replySchema();
      } catch (IllegalArgumentException e) {
        throw new InputException(at.where("output", "schema"),
            "output.schema: " + e.getMessage());
      }
    }
  }

  private static void checkExpand(Recipe r, KeyLines at) {
    Set<String> keys = new HashSet<>(r.expand().isEmpty() ? Set.of() : r.expand().get(0).keySet());
    for (int i = 0; i < r.expand().size(); i++) {
      if (!r.expand().get(i).keySet().equals(keys)) {
        throw new InputException(at.where("expand", i), "expand[" + i + "] has keys "
            + r.expand().get(i).keySet()
            + " but expand[0] has " + keys + "; every entry needs the same keys");
      }
    }
  }

  private static void checkOutputFields(Recipe r, KeyLines at) {
    // An unknown field first: a typo'd one is then named at its line, not as a missing one.
    for (Map.Entry<String, String> e : r.output().fields().entrySet()) {
      if (!allFields(r.knowledgeKind()).contains(e.getKey())) {
        throw new InputException(at.where("output", "fields", e.getKey()),
            "output.fields." + e.getKey() + " is not a field of kind "
            + r.kind() + "; expected some of " + allFields(r.knowledgeKind()));
      }
    }
    List<String> required = requiredFields(r.knowledgeKind());
    for (String f : required) {
      if (!r.output().fields().containsKey(f)) {
        throw new InputException(at.where("output", "fields"),
            "output.fields needs \"" + f + "\" for kind "
            + r.kind() + " (fields: " + required + ")");
      }
    }
  }

  /** Knowledge fields that must be mapped, per kind. */
  static List<String> requiredFields(KnowledgeKind kind) {
    return switch (kind) {
      case TRIPLE -> List.of("head", "relation", "tail");
      case COMPARATIVE -> List.of("subject", "adjective", "object");
      case QA -> List.of("question", "answer");
      case RATIONALE -> List.of("question", "steps", "answer");
    };
  }

  static List<String> allFields(KnowledgeKind kind) {
    return switch (kind) {
      case TRIPLE -> List.of("head", "relation", "tail");
      case COMPARATIVE -> List.of("subject", "adjective", "object", "polarity", "statement");
      case QA -> List.of("question", "answer", "context");
      case RATIONALE -> List.of("question", "choices", "steps", "answer");
    };
  }

  private static void checkTemplate(String template, String name, Set<String> known,
      SourceLocation where) {
    for (String v : Recipe.variables(template)) {
      if (!known.contains(v) && !v.startsWith("current_")) {
        throw new InputException(where, "template \"" + name + "\" uses {{" + v
            + "}}, which is neither an input " + "nor an expansion key; known: " + known);
      }
    }
  }

  private static void require(String value, String field, KeyLines at) {
    if (value == null || value.isBlank()) {
      throw new InputException(at.where(field), "field \"" + field + "\" is missing");
    }
  }

}
