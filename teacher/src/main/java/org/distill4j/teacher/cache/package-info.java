/**
 * The reply cache: every teacher reply stored raw on disk (SQLite, WAL) under a
 * {@link org.distill4j.teacher.cache.CacheKey} of provider, model, canonical messages,
 * sampling, sample index and re-ask variant. A rerun or a resume after {@code kill -9} asks the
 * cache first and sends only what is missing; a changed parser re-reads stored replies for free;
 * raising {@code max_tokens} re-sends only replies that were cut at the old limit, and a reply cut
 * under a lowered limit never replaces the complete one.
 *
 * <p>Each reply is appended to a write-ahead log (one {@code write()}, safe from a process kill)
 * before {@link org.distill4j.teacher.cache.ReplyCache#store} returns, then committed to SQLite
 * by the cache's own writer thread, many per transaction; opening a cache replays the log of a
 * killed process.
 *
 * <p>The parts: {@link org.distill4j.teacher.cache.ReplyCache} is the facade (open and replay,
 * find, store, close); {@code GroupCommitter} is the writer thread with its queue, lock and
 * tickets; {@code PendingReplies} is what lookups see between store and commit; {@code ReplyLog}
 * is the write-ahead log and its replay; {@code ReplyTable} the SQL, with the Bloom filter
 * {@code StoredKeys} in front and the schema and its migration in {@code CacheSchema}.
 *
 * <p>Imports: the {@code org.distill4j.teacher} contract (replies, requests, teacher ids), core
 * (hashing, canonical JSON), SQLite JDBC, Jackson and Guava (the Bloom filter); never
 * {@code teacher.batch} or {@code teacher.provider}.
 */
package org.distill4j.teacher.cache;
