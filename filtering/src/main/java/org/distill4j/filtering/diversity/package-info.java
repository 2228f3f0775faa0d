/**
 * Diversity of a corpus: distinct-1 and distinct-2 (unique word n-grams over all n-grams of the
 * generated text), the unique-item ratio, and record counts, overall and per relation.
 *
 * <p>May import: {@code dedup} (hashing) and {@code rules} (words, generated text); it judges
 * nothing, so not {@code stage}.
 */
package org.distill4j.filtering.diversity;
