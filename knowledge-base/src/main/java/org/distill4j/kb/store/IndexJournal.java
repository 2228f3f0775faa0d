package org.distill4j.kb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A write-ahead list of the record ids each store batch touches, forced to disk before the
 * batch's store transaction commits. After a crash between the store commit and the text-index
 * commit, these are the ids to re-index. Listing more ids than a batch really changed is
 * harmless (re-indexing a record from the store is idempotent), so a torn last line, or a line
 * for a batch that never committed, needs no special care.
 *
 * <p>Kept as a plain file rather than inside TDB2: one sequential append per batch costs far
 * less than six quad-index insertions per id. Not thread-safe; the knowledge base's single
 * writer thread owns it.
 */
public final class IndexJournal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  private IndexJournal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating when missing) the journal file. */
  public static IndexJournal open(Path file) {
    try {
      return new IndexJournal(file, FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index journal " + file, e);
    }
  }

  /** Appends the ids of batch {@code seq} and forces them to disk. */
  public void append(long seq, Collection<String> ids) {
    StringBuilder sb = new StringBuilder(ids.size() * 40);
    for (String id : ids) {
      sb.append(seq).append(' ').append(id).append('\n');
    }
    try {
      channel.position(channel.size());
      ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the index journal " + file, e);
    }
  }

  /** Every id journalled since the last {@link #clear}. */
  public Set<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        // A torn last line is shorter than an id; skipping it loses nothing that matters,
        // since its batch cannot have committed before the line was forced to disk.
        if (space > 0 && line.length() - space - 1 == org.distill4j.core.corpus.ContentId.LENGTH) {
          ids.add(line.substring(space + 1));
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index journal " + file, e);
    }
  }

  /** Forgets every id: call once the text index has committed every store batch. */
  public void clear() {
    try {
      if (channel.size() > 0) {
        channel.truncate(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the index journal " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index journal " + file, e);
    }
  }
}
