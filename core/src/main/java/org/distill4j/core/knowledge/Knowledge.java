package org.distill4j.core.knowledge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One piece of distilled knowledge. The set of kinds is closed, and code that treats kinds
 * differently goes through a {@link Visitor}: Java 17 has no pattern-matching {@code switch}, and
 * an {@code instanceof} chain compiles silently when a fifth kind is added, while a visitor with
 * one method per kind fails to compile wherever the new kind is not handled.
 *
 * <p>In JSON the kind is the {@code "kind"} property of the knowledge object. The methods below
 * are not bean getters, so Jackson writes only the record components.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = QaPair.class, name = "qa"),
  @JsonSubTypes.Type(value = Rationale.class, name = "rationale"),
  @JsonSubTypes.Type(value = Comparative.class, name = "comparative"),
  @JsonSubTypes.Type(value = CommonsenseTriple.class, name = "triple")
})
public sealed interface Knowledge permits QaPair, Rationale, Comparative, CommonsenseTriple {

  /** Which of the four kinds this is. */
  KnowledgeKind kind();

  /**
   * The relation this item states: the ATOMIC relation of a triple, the adjective of a
   * comparative, or the kind id for QA pairs and rationales. Used for per-relation counts.
   */
  String relation();

  /** One readable sentence or passage for search, dedup and embedding. */
  String text();

  /**
   * The fields that make two items the same knowledge, in a fixed order. The content id hashes
   * these after {@link TextNormalizer#normalize}.
   */
  List<String> identityFields();

  /** Calls the visitor's method for this kind. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind; implement all four (no defaults) so that a new kind is a compile error
   * in every implementation until it is handled there.
   *
   * @param <R> what the visit gives back
   */
  interface Visitor<R> {
    R qa(QaPair qa);

    R rationale(Rationale rationale);

    R comparative(Comparative comparative);

    R triple(CommonsenseTriple triple);
  }
}
