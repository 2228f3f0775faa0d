/**
 * A persistent cache of text embeddings shared by every command and process, so a table that was
 * embedded once (minutes of CPU for tens of thousands of texts) is never embedded again. {@link
 * org.distill4j.neural.cache.EmbeddingStore} is the on-disk file (append-only records, each with
 * its own checksum, written under a file lock); {@link
 * org.distill4j.neural.cache.CachingEmbedder} puts it in front of any {@code TextEmbedder},
 * batching the misses and reporting progress.
 *
 * <p>May import: {@code org.distill4j.neural} (the model it caches), {@code org.distill4j.core}.
 */
package org.distill4j.neural.cache;
