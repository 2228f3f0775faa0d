package org.distill4j.core.logprob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SourceLocation;

/**
 * A run's {@code logprobs.jsonl}, read into memory as its compact lines (decoding is left to the
 * line, so a large run costs its stored size, not its decoded size).
 */
public final class LogprobsFile {
  /** The file's name in a run folder. */
  public static final String NAME = "logprobs.jsonl";

  private final Path file;
  private final Map<String, LogprobsLine> lines;

  private LogprobsFile(Path file, Map<String, LogprobsLine> lines) {
    this.file = file;
    this.lines = lines;
  }

  /**
   * Reads every line. A request present twice with the same data is kept once (a line written
   * again by hand or by an older resume); with different data it is an error naming both lines.
   *
   * @throws InputException naming the file and line of a line that is not a valid entry
   */
  public static LogprobsFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0),
          "no logprobs file; generate with sampling.logprobs set to store them");
    }
    Map<String, LogprobsLine> lines = new HashMap<>();
    Map<String, Long> where = new HashMap<>();
    try (JsonLinesReader<LogprobsLine> in = JsonLinesReader.open(file, LogprobsLine.class)) {
      for (var it = in.lines(); it.hasNext(); ) {
        ParsedLine<LogprobsLine> line = it.next();
        if (line instanceof ParsedLine.Bad<LogprobsLine> bad) {
          if (bad.torn()) {
            // Cut off by a killed run; its next resume writes the line again, and until then
            // the records of that reply are reported as having no logprobs.
            continue;
          }
          throw new InputException(bad.location(), bad.problem());
        }
        LogprobsLine value = ((ParsedLine.Good<LogprobsLine>) line).value();
        LogprobsLine earlier = lines.putIfAbsent(value.request(), value);
        if (earlier != null && !earlier.equals(value)) {
          throw new InputException(line.location(), "request " + value.request()
              + " has other logprobs than on line " + where.get(value.request())
              + "; keep one of the two lines");
        }
        where.putIfAbsent(value.request(), line.location().line());
      }
    }
    return new LogprobsFile(file, lines);
  }

  public Path file() {
    return file;
  }

  /** The line of a request hash, or null when the file has none. */
  public LogprobsLine line(String requestHash) {
    return lines.get(requestHash);
  }

  /** How many replies the file holds. */
  public int size() {
    return lines.size();
  }
}
