package org.distill4j.teacher.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.distill4j.core.io.CorpusJson;

/**
 * Downloads a job's result files one at a time and hands on each line read, streaming: a
 * result file may be as large as the job's input. A line that is no JSON, or that the reader
 * refuses, becomes a failed result naming the file and line, never an exception: the requests
 * it held are simply asked again without the batch.
 */
final class ResultFiles {
  private ResultFiles() {}

  static void read(BatchHttp http, List<URI> downloads, Path scratch,
      Function<JsonNode, ItemResult> reader, Consumer<ItemResult> each) {
    int n = 0;
    for (URI uri : downloads) {
      Path file = scratch.resolve("results-" + (++n) + ".jsonl");
      try {
        Files.createDirectories(scratch);
        http.download(uri, file);
        readLines(file, uri, reader, each);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the batch results " + file + ": "
            + e.getMessage(), e);
      } finally {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // A leftover scratch file is replaced by the next download.
        }
      }
    }
  }

  private static void readLines(Path file, URI from, Function<JsonNode, ItemResult> reader,
      Consumer<ItemResult> each) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        ItemResult result;
        try {
          result = reader.apply(CorpusJson.json().readTree(line));
        } catch (IOException | RuntimeException bad) {
          result = new ItemResult.Failed(null, from.getPath() + " line " + lineNo
              + ": unreadable (" + bad.getMessage() + ")");
        }
        each.accept(result);
      }
    }
  }
}
