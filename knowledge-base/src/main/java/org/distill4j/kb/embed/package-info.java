/**
 * Text embeddings for vector search: any {@link org.distill4j.core.embed.TextEmbedder} (by
 * default neural's all-MiniLM-L6-v2), batched, with a SQLite cache by text hash so that no text
 * is embedded twice.
 *
 * <p>May import: {@code org.distill4j.core}, the JDK (java.sql for the SQLite cache); no other kb
 * package, and no embedding library (the model comes in through the contract).
 */
package org.distill4j.kb.embed;
