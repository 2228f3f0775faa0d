package org.distill4j.filtering.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One entry of a chain file: the {@code type} picks the filter, {@code name} (default: the type)
 * names the stage; the other fields are the filter's settings, each optional with the default
 * given. Keys are snake_case like every other config of the project ({@code max_words},
 * {@code min_agreement}); the Java names stay camelCase. Unknown fields are errors, so a typo
 * (or a camelCase key) cannot silently fall back to a default.
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

  /**
   * Allowed kinds, relations, and provenance fields that must be present
   * ({@code require_provenance}).
   */
  record Schema(String name, List<String> kinds, List<String> relations,
      @JsonProperty("require_provenance") List<String> requireProvenance)
      implements FilterSpec {}

  /** Bounds on the generated text; defaults 1..200 words, 1..2000 characters. */
  record Length(String name,
      @JsonProperty("min_words") Integer minWords,
      @JsonProperty("max_words") Integer maxWords,
      @JsonProperty("min_chars") Integer minChars,
      @JsonProperty("max_chars") Integer maxChars) implements FilterSpec {}

  /** Blocked words or phrases, inline ({@code terms}) and/or one per line in {@code file}. */
  record Blocklist(String name, List<String> terms, String file) implements FilterSpec {}

  /** Output repeating the input; default {@code max_overlap} 0.8. */
  record Copy(String name, @JsonProperty("max_overlap") Double maxOverlap)
      implements FilterSpec {}

  /** Per-kind checks; default {@code max_attribute_words} 3. */
  record Kind(String name, @JsonProperty("max_attribute_words") Integer maxAttributeWords)
      implements FilterSpec {}

  /** Exact duplicates of normalised text. */
  record ExactDedup(String name) implements FilterSpec {}

  /** Near duplicates; defaults threshold 0.8, shingle_words 2, bands 8, rows 4. */
  record NearDedup(String name, Double threshold,
      @JsonProperty("shingle_words") Integer shingleWords, Integer bands, Integer rows)
      implements FilterSpec {}

  /** Paraphrases by embedding cosine; default threshold 0.9. */
  record SemanticDedup(String name, Double threshold) implements FilterSpec {}

  /** A trained critic folder; {@code threshold} overrides the one saved with it. */
  record Classifier(String name, String model, Double threshold) implements FilterSpec {}

  /**
   * Splits free-text reasoning (a QA pair's worked answer, a rationale whose steps still hold "So
   * the answer is …") into steps and a final answer; {@code require_answer} (default false)
   * rejects records from which no final answer can be read.
   */
  record RationaleSplit(String name, @JsonProperty("require_answer") Boolean requireAnswer)
      implements FilterSpec {}

  /**
   * Gold answers in JSON Lines ({@code question}, {@code answer}); {@code require_gold} (default
   * false) rejects records whose question has no gold answer.
   */
  record AnswerCheck(String name, String gold, @JsonProperty("require_gold") Boolean requireGold)
      implements FilterSpec {}

  /**
   * Majority answer across samples; defaults min_agreement 0.5, min_teacher_agreement 0, group_by
   * auto (the provenance seed id when a record has one, else the question text; or seed_id, or
   * question).
   */
  record SelfConsistency(String name,
      @JsonProperty("min_agreement") Double minAgreement,
      @JsonProperty("min_teacher_agreement") Double minTeacherAgreement,
      @JsonProperty("group_by") String groupBy)
      implements FilterSpec {}

  /** Contradictions among comparatives, weighed by {@code score} (a score name) or by count. */
  record ComparativeConsistency(String name, String score) implements FilterSpec {}

  /**
   * An LLM judge: the rubric file, the judge's teacher config (as in {@code distill generate}),
   * the reply-cache folder (default {@code judge-cache} beside the chain file), the threshold
   * (default 4) and concurrent requests (default 4).
   */
  record Judge(String name, String rubric,
      org.distill4j.teacher.TeacherConfig teacher, String cache, Double threshold,
      Integer concurrency) implements FilterSpec {}
}
