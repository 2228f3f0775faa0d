package org.distill4j.generation.cost;

import java.nio.file.Path;
import java.util.Optional;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.tokens.TokenCounter;
import org.distill4j.teacher.tokens.TokenCounters;

/**
 * The cost settings of a run, checked: the price of its teacher (or why there is none), the
 * spending limit, and how prompt tokens are counted.
 *
 * @param price the teacher's price; null when unknown
 * @param unknownPrice why there is no price, in words; null when there is one
 * @param maxCost the limit for the whole run, above 0; null for none
 * @param tokenizer a {@code tokenizer.json} or model folder; null to pick by the teacher
 * @param teacher the teacher's identity; null when the config names no provider or model yet
 */
public record CostSettings(PriceMatch price, String unknownPrice, Double maxCost,
    Path tokenizer, TeacherId teacher) {

  /** No price known, no limit: for settings built without cost options. */
  public static CostSettings none(TeacherConfig teacher) {
    TeacherId id = idOrNull(teacher);
    return new CostSettings(null, unknown(id), null, null, id);
  }

  /**
   * The settings for a teacher with the price {@code price} found in the table (null when it has
   * none).
   */
  public static CostSettings of(PriceMatch price, Double maxCost, Path tokenizer,
      TeacherConfig teacher) {
    TeacherId id = idOrNull(teacher);
    return new CostSettings(price, price == null ? unknown(id) : null, maxCost, tokenizer, id);
  }

  /** The price, when known. */
  public Optional<PriceMatch> priceMatch() {
    return Optional.ofNullable(price);
  }

  /** A counter for this teacher's prompts; the caller closes it. */
  public TokenCounter counter() {
    return TokenCounters.forTeacher(teacher, tokenizer);
  }

  /** Why a teacher has no price, in words. */
  public static String unknown(TeacherId id) {
    return id == null ? "no price (no teacher model given)"
        : "no price for " + id.provider() + "/" + id.model();
  }

  /** The teacher's identity, or null while its config names no provider or model. */
  public static TeacherId idOrNull(TeacherConfig teacher) {
    if (teacher == null || teacher.provider() == null || teacher.model() == null
        || teacher.model().isBlank()) {
      return null;
    }
    try {
      return teacher.id();
    } catch (RuntimeException unknownProvider) {
      // An unknown provider is reported by the teacher's own checks, with the valid ones.
      return null;
    }
  }
}
