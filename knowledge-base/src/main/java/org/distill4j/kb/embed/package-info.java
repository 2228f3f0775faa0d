/**
 * Text embeddings for vector search: the in-process all-MiniLM-L6-v2 model, batched, with a
 * SQLite cache by text hash so that no text is embedded twice.
 *
 * <p>May import: {@code org.distill4j.core}, the JDK (java.sql for the SQLite cache) and the
 * embedding model's library; no other kb package.
 */
package org.distill4j.kb.embed;
