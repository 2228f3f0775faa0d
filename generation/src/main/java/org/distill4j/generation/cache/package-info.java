/**
 * The reply cache: every teacher reply stored raw on disk (SQLite, WAL) under a
 * {@link org.distill4j.generation.cache.CacheKey} of provider, model, canonical messages,
 * sampling, sample index and re-ask variant. A rerun or a resume after {@code kill -9} asks the
 * cache first and sends only what is missing; a changed parser re-reads stored replies for free;
 * raising {@code max_tokens} re-sends only replies that were cut at the old limit.
 *
 * <p>Replies are queued and committed by the cache's own writer thread, many per transaction;
 * whatever is derived from them waits for {@link
 * org.distill4j.generation.cache.ReplyCache#awaitStored} before it becomes durable.
 */
package org.distill4j.generation.cache;
