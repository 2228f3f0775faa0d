package org.distill4j.core.io;

import java.nio.file.Path;

/**
 * Lenient reading: bad lines are appended to a reject file (one JSON object per line, with the
 * location, the problem and the raw text) and counted, and the read goes on. Close it to flush.
 */
public final class RejectFile implements BadLinePolicy, AutoCloseable {
  private final JsonLinesWriter<RejectedLine> writer;
  private long count;

  private RejectFile(JsonLinesWriter<RejectedLine> writer) {
    this.writer = writer;
  }

  /** Appends to {@code path}, creating it and its folder when missing. */
  public static RejectFile appendingTo(Path path) {
    return new RejectFile(JsonLinesWriter.append(path));
  }

  @Override
  public void onBadLine(ParsedLine.Bad<?> line) {
    writer.write(
        new RejectedLine(
            line.location().file().toString(), line.location().line(), line.problem(), line.raw()));
    count++;
  }

  /** Bad lines routed here so far. */
  public long count() {
    return count;
  }

  /** Where the rejects go. */
  public Path path() {
    return writer.file();
  }

  @Override
  public void close() {
    writer.close();
  }

  /** One line of a reject file. */
  public record RejectedLine(String file, long line, String problem, String raw) {}
}
