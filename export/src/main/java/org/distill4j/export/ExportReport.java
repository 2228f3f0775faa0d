package org.distill4j.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param out the output file or folder
 * @param records records in the corpus
 * @param exported records written (after the kind filter)
 * @param files every file written, relative to {@code out} (for a one-file output, its name)
 */
public record ExportReport(Path out, long records, long exported, List<ExportedFile> files) {
  public ExportReport {
    files = List.copyOf(files);
  }

  /**
   * One file.
   *
   * @param path relative to the output folder
   * @param kind the kind of its rows, or null for a file that mixes kinds (chat, Alpaca)
   * @param split its split
   * @param rows rows or lines in it
   */
  public record ExportedFile(Path path, String kind, String split, long rows) {}
}
