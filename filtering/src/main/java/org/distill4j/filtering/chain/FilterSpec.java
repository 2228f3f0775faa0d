package org.distill4j.filtering.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.filtering.comparative.ComparativeConsistencyCritic;
import org.distill4j.filtering.critic.SavedCritic;
import org.distill4j.filtering.dedup.ExactDedupCritic;
import org.distill4j.filtering.dedup.NearDedupCritic;
import org.distill4j.filtering.dedup.SemanticDedupCritic;
import org.distill4j.filtering.judge.JudgeRubric;
import org.distill4j.filtering.judge.LlmJudgeCritic;
import org.distill4j.filtering.rationale.AnswerCheckCritic;
import org.distill4j.filtering.rationale.RationaleSplitCritic;
import org.distill4j.filtering.rationale.SelfConsistencyCritic;
import org.distill4j.filtering.rules.BlocklistCritic;
import org.distill4j.filtering.rules.CopyCritic;
import org.distill4j.filtering.rules.KindCritic;
import org.distill4j.filtering.rules.LengthCritic;
import org.distill4j.filtering.rules.SchemaCritic;
import org.distill4j.filtering.stage.BuildContext;
import org.distill4j.filtering.stage.Stage;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.SuppliedTeacher;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.cache.ReplyCache;

/**
 * One entry of a chain file: the {@code type} picks the filter, {@code name} (default: the type)
 * names the stage; the other fields are the filter's settings, each optional with the default
 * given. Keys are snake_case like every other config of the project ({@code max_words},
 * {@code min_agreement}); the Java names stay camelCase. Unknown fields are errors, so a typo
 * (or a camelCase key) cannot silently fall back to a default.
 *
 * <p>This file is the registry of filter types: a type is its {@code @JsonSubTypes} entry (the
 * id users write) and its record, which builds its own stage ({@link #build}) and says which of
 * its settings is a cut-off ({@link #threshold}). Adding a filter is one record here and one
 * entry above it; the type list in errors and {@code --help} is read from the entries
 * ({@link #types}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FilterSpec.Schema.class, name = "schema"),
  @JsonSubTypes.Type(value = FilterSpec.Length.class, name = "length"),
  @JsonSubTypes.Type(value = FilterSpec.Blocklist.class, name = "blocklist"),
  @JsonSubTypes.Type(value = FilterSpec.Copy.class, name = "copy"),
  @JsonSubTypes.Type(value = FilterSpec.Kind.class, name = "kind"),
  @JsonSubTypes.Type(value = FilterSpec.ExactDedup.class, name = "exact-dedup"),
  @JsonSubTypes.Type(value = FilterSpec.NearDedup.class, name = "near-dedup"),
  @JsonSubTypes.Type(value = FilterSpec.SemanticDedup.class, name = "semantic-dedup"),
  @JsonSubTypes.Type(value = FilterSpec.Classifier.class, name = "classifier"),
  @JsonSubTypes.Type(value = FilterSpec.RationaleSplit.class, name = "rationale-split"),
  @JsonSubTypes.Type(value = FilterSpec.AnswerCheck.class, name = "answer-check"),
  @JsonSubTypes.Type(value = FilterSpec.SelfConsistency.class, name = "self-consistency"),
  @JsonSubTypes.Type(value = FilterSpec.ComparativeConsistency.class,
      name = "comparative-consistency"),
  @JsonSubTypes.Type(value = FilterSpec.Judge.class, name = "judge")
})
public sealed interface FilterSpec {

  /** The stage name; null means the type. */
  String name();

  /** Builds the stage; a bad setting is an {@link IllegalArgumentException} naming its key. */
  Stage build(BuildContext ctx);

  /** The cut-off this spec sets on the score it writes, or null when it sets none. */
  default Double threshold() {
    return null;
  }

  /** The registered type ids, in registration order. */
  static List<String> types() {
    return Arrays.stream(FilterSpec.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::name).toList();
  }

  /** The type id {@code spec}'s class is registered under. */
  static String typeOf(FilterSpec spec) {
    for (JsonSubTypes.Type t : FilterSpec.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == spec.getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException("unregistered filter spec " + spec.getClass());
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static Set<String> set(List<String> l) {
    return l == null ? Set.of() : new HashSet<>(l);
  }


  /**
   * Allowed kinds, relations, and provenance fields that must be present
   * ({@code require_provenance}).
   */
  record Schema(String name, List<String> kinds, List<String> relations,
      @JsonProperty("require_provenance") List<String> requireProvenance)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new SchemaCritic(set(kinds), set(relations), requireProvenance));
    }
  }

  /** Bounds on the generated text; defaults 1..200 words, 1..2000 characters. */
  record Length(String name,
      @JsonProperty("min_words") Integer minWords,
      @JsonProperty("max_words") Integer maxWords,
      @JsonProperty("min_chars") Integer minChars,
      @JsonProperty("max_chars") Integer maxChars) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new LengthCritic(or(minWords, 1), or(maxWords, 200), or(minChars, 1),
          or(maxChars, 2000)));
    }
  }

  /** Blocked words or phrases, inline ({@code terms}) and/or one per line in {@code file}. */
  record Blocklist(String name, List<String> terms, String file) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      List<String> all = new ArrayList<>(terms == null ? List.of() : terms);
      if (file != null) {
        all.addAll(readTerms(ctx.resolve(file)));
      }
      if (all.isEmpty()) {
        throw new IllegalArgumentException("a blocklist needs \"terms\" or a \"file\"");
      }
      return ctx.streaming(new BlocklistCritic(all));
    }

    private static List<String> readTerms(Path p) {
      try {
        return Files.readAllLines(p).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#")).map(String::strip).toList();
      } catch (IOException e) {
        throw new InputException(new SourceLocation(p, 0), "cannot read blocklist: "
            + e.getMessage(), e);
      }
    }
  }

  /** Output repeating the input; default {@code max_overlap} 0.8. */
  record Copy(String name, @JsonProperty("max_overlap") Double maxOverlap)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new CopyCritic(or(maxOverlap, 0.8)));
    }

    @Override
    public Double threshold() {
      return maxOverlap;
    }
  }

  /** Per-kind checks; default {@code max_attribute_words} 3. */
  record Kind(String name, @JsonProperty("max_attribute_words") Integer maxAttributeWords)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new KindCritic(or(maxAttributeWords, 3)));
    }
  }

  /** Exact duplicates of normalised text. */
  record ExactDedup(String name) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new ExactDedupCritic());
    }
  }

  /** Near duplicates; defaults threshold 0.8, shingle_words 2, bands 8, rows 4. */
  record NearDedup(String name, Double threshold,
      @JsonProperty("shingle_words") Integer shingleWords, Integer bands, Integer rows)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new NearDedupCritic(or(threshold, 0.8), or(shingleWords, 2),
          or(bands, 8), or(rows, 4)));
    }
  }

  /** Paraphrases by embedding cosine; default threshold 0.9. */
  record SemanticDedup(String name, Double threshold) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new SemanticDedupCritic(ctx.embedder(), or(threshold, 0.9)));
    }
  }

  /**
   * A trained critic folder (the embedding network, or a fine-tuned encoder);
   * {@code threshold} overrides the one saved with it.
   */
  record Classifier(String name, String model, Double threshold) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      if (model == null) {
        throw new IllegalArgumentException("a classifier needs \"model\", a critic folder");
      }
      SavedCritic critic = SavedCritic.load(ctx.resolve(model), ctx.embedder());
      return ctx.streaming(threshold == null ? critic : critic.withThreshold(threshold));
    }
  }

  /**
   * Splits free-text reasoning (a QA pair's worked answer, a rationale whose steps still hold "So
   * the answer is …") into steps and a final answer; {@code require_answer} (default false)
   * rejects records from which no final answer can be read.
   */
  record RationaleSplit(String name, @JsonProperty("require_answer") Boolean requireAnswer)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.streaming(new RationaleSplitCritic(or(requireAnswer, false)));
    }
  }

  /**
   * Gold answers in JSON Lines ({@code question}, {@code answer}); {@code require_gold} (default
   * false) rejects records whose question has no gold answer.
   */
  record AnswerCheck(String name, String gold, @JsonProperty("require_gold") Boolean requireGold)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      if (gold == null) {
        throw new IllegalArgumentException("answer-check needs \"gold\", a JSON Lines file");
      }
      return ctx.streaming(new AnswerCheckCritic(AnswerCheckCritic.readGold(ctx.resolve(gold)),
          or(requireGold, false)));
    }
  }

  /**
   * Majority answer across samples; defaults min_agreement 0.5, min_teacher_agreement 0, group_by
   * auto (the provenance seed id when a record has one, else the question text; or seed_id, or
   * question).
   */
  record SelfConsistency(String name,
      @JsonProperty("min_agreement") Double minAgreement,
      @JsonProperty("min_teacher_agreement") Double minTeacherAgreement,
      @JsonProperty("group_by") String groupBy)
      implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.wholeCorpus(new SelfConsistencyCritic(or(minAgreement, 0.5),
          or(minTeacherAgreement, 0.0), SelfConsistencyCritic.GroupBy.parse(groupBy)));
    }
  }

  /** Contradictions among comparatives, weighed by {@code score} (a score name) or by count. */
  record ComparativeConsistency(String name, String score) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      return ctx.wholeCorpus(new ComparativeConsistencyCritic(score));
    }
  }

  /**
   * An LLM judge: the rubric file, the judge's teacher config (as in {@code distill generate};
   * without one, the LangChain4j model given to the run in code), the reply-cache folder
   * (default {@code judge-cache} beside the chain file), the threshold (default 4) and
   * concurrent requests (default 4).
   */
  record Judge(String name, String rubric,
      org.distill4j.teacher.TeacherConfig teacher, String cache, Double threshold,
      Integer concurrency) implements FilterSpec {
    @Override
    public Stage build(BuildContext ctx) {
      if (rubric == null || (teacher == null && ctx.judgeTeacher().isEmpty())) {
        throw new IllegalArgumentException("a judge needs \"rubric\" (a file such as"
            + " prompts/critics/llm-judge.yaml) and \"teacher\" (provider, model, base_url…;"
            + " or a ChatModel given to the run in code)");
      }
      JudgeRubric read = JudgeRubric.read(ctx.resolve(rubric));
      ReplyCache replies = ctx.hold(ReplyCache.open(ctx.resolve(cache == null ? "judge-cache"
          : cache)));
      RunnerSettings runner = RunnerSettings.of(or(concurrency, 4));
      BatchRunner batches;
      if (teacher != null) {
        batches = new BatchRunner(new ChatModelFactory().teacher(teacher), teacher.id(), replies,
            runner);
      } else {
        SuppliedTeacher supplied = ctx.judgeTeacher().get();
        supplied.checkSampling(read.samplingParameters());
        batches = new BatchRunner(supplied.teacher(), supplied.id(), replies, runner);
      }
      return ctx.streaming(new LlmJudgeCritic(ctx.hold(batches), read, or(threshold, 4.0)));
    }
  }
}
