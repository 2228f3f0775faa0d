/**
 * Text embeddings for vector search: the in-process all-MiniLM-L6-v2 model, batched, with a
 * SQLite cache by text hash so that no text is embedded twice.
 */
package org.distill4j.kb.embed;
