/**
 * The project's neural building blocks, one of each: the in-process all-MiniLM-L6-v2 embedder
 * ({@link org.distill4j.neural.MiniLm}, behind core's
 * {@link org.distill4j.core.embed.TextEmbedder}) and the small DJL network trained over its
 * frozen vectors by the critic and the scorer student ({@link org.distill4j.neural.ScoringHead}).
 *
 * <p>May import: {@code org.distill4j.core}, LangChain4j's embedding model, DJL. Nothing else
 * of this project (filtering, knowledge-base and training import it, not the reverse).
 */
package org.distill4j.neural;
