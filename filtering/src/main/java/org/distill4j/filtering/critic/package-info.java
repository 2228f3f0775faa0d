/**
 * The trained classifier critic and its calibration. {@link
 * org.distill4j.filtering.critic.ClassifierCritic} turns a record into features (its
 * all-MiniLM-L6-v2 embedding plus optional numeric side features such as the teacher's
 * log-likelihood), scores it with a small network trained with DJL on CPU, and keeps it when the
 * score reaches a threshold. {@link org.distill4j.filtering.critic.Calibration} picks that
 * threshold for a target precision or recall on a labelled dev set, as ATOMIC-10X picks its
 * critic cut-offs. {@link org.distill4j.filtering.critic.CrossValidation} scores any {@link
 * org.distill4j.filtering.critic.FoldRanking} out of fold (a critic retrained per fold through the
 * pluggable {@link org.distill4j.filtering.critic.CriticTrainer}, a baseline column, a per-relation
 * base rate); {@link org.distill4j.filtering.critic.TripleNegatives} makes negatives for triple
 * critics.
 *
 * <p>May import: {@code stage}, {@code org.distill4j.core} (texts are embedded through
 * {@code core.embed.TextEmbedder}), {@code org.distill4j.neural} (the network is its
 * {@code ScoringHead}), DJL, Jackson annotations.
 */
package org.distill4j.filtering.critic;
