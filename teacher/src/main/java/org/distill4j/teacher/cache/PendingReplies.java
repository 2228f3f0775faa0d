package org.distill4j.teacher.cache;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replies logged but not committed yet, by slot, so that a lookup finds a reply from the
 * moment {@link ReplyCache#store} returns rather than once it is committed.
 *
 * <p>Contract: the {@link GroupCommitter} {@linkplain #add adds} a reply under its queue lock when
 * it queues it (so the newest ticket of a slot is the one held) and {@linkplain #committed
 * removes} it once its commit is announced, unless a newer reply of the same slot replaced it
 * meanwhile. Lookups read without a lock. A reply therefore is always in this view or in the
 * table, for a moment in both.
 */
final class PendingReplies {
  /** Where a reply lives: its key and its slot (complete, or the limit it was cut at). */
  private record Slot(String key, int slot) {}

  private final ConcurrentHashMap<Slot, QueuedReply> bySlot = new ConcurrentHashMap<>();

  /** The complete reply of {@code key} waiting for its commit, or null. */
  CachedReply complete(String key) {
    return cachedIn(bySlot.get(new Slot(key, CacheSchema.COMPLETE)));
  }

  /** The reply of {@code key} cut at this limit waiting for its commit, or null. */
  CachedReply cutAt(String key, Integer maxTokens) {
    return cachedIn(bySlot.get(new Slot(key, ReplyTable.cutSlot(maxTokens))));
  }

  /** A reply just queued; it hides an older pending reply of its slot. */
  void add(QueuedReply queued) {
    bySlot.put(slotOf(queued), queued);
  }

  /** These replies are committed: each leaves the view unless a newer one took its slot. */
  void committed(List<QueuedReply> batch) {
    for (QueuedReply q : batch) {
      bySlot.remove(slotOf(q), q);
    }
  }

  private static Slot slotOf(QueuedReply q) {
    return new Slot(q.row().key(), q.row().slot());
  }

  private static CachedReply cachedIn(QueuedReply q) {
    return q == null ? null : q.row().cached();
  }
}
