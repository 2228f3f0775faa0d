/**
 * Duplicate removal: exact (normalised text), near (MinHash signatures over word shingles with
 * LSH banding and a Jaccard threshold) and semantic (cosine similarity of all-MiniLM-L6-v2
 * embeddings). The first record of a group is kept; every later one is rejected with the id of
 * the record it matched and the similarity.
 *
 * <p>State is compact and grows with the number of kept records only: a 64-bit hash per record
 * for exact dedup, a 16-bit-per-slot signature and band-table entries (about 250 bytes) for near
 * dedup, a 384-float vector for semantic dedup. Texts are never held.
 *
 * <p>May import: {@code stage}, {@code rules} (word splitting) and {@code org.distill4j.core}
 * (semantic dedup embeds through {@code core.embed.TextEmbedder}; it never creates a model).
 */
package org.distill4j.filtering.dedup;
