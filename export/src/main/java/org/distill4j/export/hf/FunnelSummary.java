package org.distill4j.export.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * What {@code distill filter} wrote to {@code funnel.json} beside its {@code kept.jsonl}: the
 * records in, and each stage's name, type and in/out counts. Read as a JSON tree, so a funnel
 * from a newer filter with more fields still reads.
 *
 * @param file the funnel file
 * @param input records that entered the chain
 * @param invalidLines input lines that were not valid records
 * @param stages in chain order
 * @param kept records every stage kept
 * @param rejected records some stage rejected
 */
public record FunnelSummary(Path file, long input, long invalidLines, List<Stage> stages,
    long kept, long rejected) {

  /** One stage of the chain. */
  public record Stage(String name, String type, long in, long out) {}

  /**
   * The funnel beside {@code corpus}, if there is one.
   *
   * @throws InputException naming the file when it exists but is not a funnel
   */
  public static Optional<FunnelSummary> besides(Path corpus) {
    Path file = corpus.toAbsolutePath().resolveSibling("funnel.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = CorpusJson.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "not readable as JSON ("
          + e.getMessage() + "); move it away to export without the filter counts", e);
    }
    if (root == null || !root.path("stages").isArray()) {
      throw new InputException(new SourceLocation(file, 0), "has no \"stages\" list, so it is"
          + " not a funnel written by distill filter; move it away to export without it");
    }
    List<Stage> stages = new ArrayList<>();
    for (JsonNode s : root.path("stages")) {
      stages.add(new Stage(s.path("name").asText("?"), s.path("type").asText(""),
          s.path("in").asLong(), s.path("out").asLong()));
    }
    return Optional.of(new FunnelSummary(file, root.path("input").asLong(),
        root.path("invalidLines").asLong(), List.copyOf(stages), root.path("kept").asLong(),
        root.path("rejected").asLong()));
  }
}
