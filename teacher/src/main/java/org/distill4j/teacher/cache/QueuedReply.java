package org.distill4j.teacher.cache;

/**
 * A reply logged and queued for the committer: its ticket (the queue's sequence number), its row
 * and the log segment that holds its line until the row is committed.
 */
record QueuedReply(long seq, ReplyTable.Row row, ReplyLog.Segment segment) {}
