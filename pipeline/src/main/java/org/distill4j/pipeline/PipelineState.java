package org.distill4j.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * Which stages of a run have finished, and with what inputs: {@code RUN/pipeline-state.json}. A
 * stage is skipped on a rerun only when it finished with the same fingerprint (its settings and
 * everything upstream); a changed setting reruns it and every stage after it. Written by atomic
 * rename, so a crash leaves the old state or the new one, never half of one.
 */
final class PipelineState {
  private final Path file;
  private final Map<String, Done> done;

  /**
   * A finished stage.
   *
   * @param fingerprint what it ran with
   * @param finishedAt when it finished
   */
  record Done(String fingerprint, Instant finishedAt) {}

  private PipelineState(Path file, Map<String, Done> done) {
    this.file = file;
    this.done = done;
  }

  static PipelineState load(Path runDir) {
    Path file = runDir.resolve("pipeline-state.json");
    if (!Files.exists(file)) {
      return new PipelineState(file, new TreeMap<>());
    }
    try {
      Map<String, Done> done = CorpusJson.json().readValue(file.toFile(),
          new TypeReference<TreeMap<String, Done>>() {});
      return new PipelineState(file, done);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "unreadable pipeline state ("
          + e.getMessage() + "); delete it to rerun every stage (cached teacher replies are"
          + " kept)");
    }
  }

  boolean isDone(String stage, String fingerprint) {
    Done d = done.get(stage);
    return d != null && d.fingerprint().equals(fingerprint);
  }

  void markDone(String stage, String fingerprint) {
    done.put(stage, new Done(fingerprint, Instant.now()));
    save();
  }

  void forget(String stage) {
    if (done.remove(stage) != null) {
      save();
    }
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      CorpusJson.json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), done);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
