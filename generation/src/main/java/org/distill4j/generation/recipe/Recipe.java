package org.distill4j.generation.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.teacher.ReplySchema;
import org.distill4j.teacher.SamplingSpec;

/**
 * A prompt recipe: what knowledge to ask a teacher for and how to read the answer. Loaded from
 * YAML by {@link RecipeLoader}; the format is documented in {@code prompts/README.md}.
 *
 * @param id a stable name, e.g. {@code commonsense-atomic}
 * @param version bumped by hand when the prompt or parsing changes meaningfully
 * @param kind the knowledge kind id: triple, comparative, qa or rationale
 * @param description one line for humans
 * @param inputs the seed fields the templates use
 * @param expand optional: one request per seed per entry; each entry adds variables
 * @param system the system message template, optional
 * @param user the user message template, required
 * @param examples few-shot turns placed between the system and the user message
 * @param sampling n, temperature, top_p, max_tokens, seed
 * @param output how replies are parsed into knowledge
 */
public record Recipe(
    String id,
    String version,
    String kind,
    String description,
    List<String> inputs,
    List<Map<String, String>> expand,
    String system,
    String user,
    List<Example> examples,
    SamplingSpec sampling,
    OutputSpec output) {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  public Recipe {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    expand = expand == null ? List.of() : expand.stream().map(m -> Map.copyOf(new LinkedHashMap<>(m))).toList();
    examples = examples == null ? List.of() : List.copyOf(examples);
    sampling = sampling == null ? SamplingSpec.unset() : sampling;
  }

  /**
   * One few-shot exchange: a user turn and the answer the teacher should imitate. Literal text,
   * not rendered.
   */
  public record Example(String user, String assistant) {}

  /**
   * How a reply becomes knowledge.
   *
   * @param format {@code json} (an array of objects, or an object holding one) or {@code lines}
   *     (one item per line; numbering and bullets are stripped)
   * @param fields knowledge field name to template over seed/expansion variables and the item's
   *     own fields ({@code {{item}}} is the whole line in {@code lines} format)
   * @param maxReasks how many times an unparseable reply is asked again with another seed
   * @param schema for {@code json}: each item's field names and types ({@code string},
   *     {@code strings}, {@code number}, {@code boolean}), sent to servers that enforce a reply
   *     shape; null to rely on the prompt alone
   */
  public record OutputSpec(
      String format,
      Map<String, String> fields,
      @JsonProperty("max_reasks") Integer maxReasks,
      Map<String, String> schema) {

    public OutputSpec {
      fields = fields == null ? Map.of() : Map.copyOf(fields);
      schema = schema == null || schema.isEmpty() ? null : Map.copyOf(schema);
    }

    /** A spec without a reply schema. */
    public OutputSpec(String format, Map<String, String> fields, Integer maxReasks) {
      this(format, fields, maxReasks, null);
    }

    @JsonIgnore
    public int reasks() {
      return maxReasks == null ? 1 : maxReasks;
    }
  }

  /** The knowledge kind. */
  @JsonIgnore
  public KnowledgeKind knowledgeKind() {
    return KnowledgeKind.fromId(kind);
  }

  /** The reply shape to ask servers for, or null when the recipe names none. */
  @JsonIgnore
  public ReplySchema replySchema() {
    return output.schema() == null ? null : new ReplySchema(id, output.schema());
  }

  /** The sampling parameters of every request. */
  @JsonIgnore
  public Sampling samplingParameters() {
    return sampling.toSampling();
  }

  /** Variables named in a template, in order of first use. */
  public static Set<String> variables(String template) {
    Set<String> out = new LinkedHashSet<>();
    if (template != null) {
      Matcher m = VARIABLE.matcher(template);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Variables every request has: the inputs and the expansion keys. */
  @JsonIgnore
  public Set<String> promptVariables() {
    Set<String> vars = new LinkedHashSet<>(inputs);
    for (Map<String, String> e : expand) {
      vars.addAll(e.keySet());
    }
    return vars;
  }
}
