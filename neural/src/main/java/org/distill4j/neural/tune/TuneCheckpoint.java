package org.distill4j.neural.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.Safetensors;

/**
 * A fine-tuning run's folder of checkpoints. Weights and optimiser state are written under
 * names that carry the epoch, then {@code state.json} is replaced atomically to point at them:
 * a run killed at any moment resumes from the last epoch whose state.json landed, and never
 * reads a weights file that belongs to another epoch.
 */
public final class TuneCheckpoint {
  static final String STATE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What state.json holds.
   *
   * @param fingerprint the settings and data the run was started with; a resume with other
   *     ones is refused rather than mixed
   */
  public record State(String fingerprint, int epochsDone, int bestEpoch, double bestScore,
      int badEpochs, List<EpochReport> history, String weights, String optimizer, String best) {}

  private final Path folder;

  /** Checkpoints in {@code folder}, created when missing. */
  public TuneCheckpoint(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  /** The state a previous run left, or null when it left none. */
  public State read() throws IOException {
    Path file = folder.resolve(STATE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), State.class);
    } catch (IOException e) {
      throw new IOException(file + ": unreadable checkpoint state (" + e.getMessage()
          + "); delete the folder to start over", e);
    }
  }

  /**
   * Writes the epoch's weights and optimiser state, and the best weights when this epoch is the
   * best, then commits {@code state} (whose file names it fills in) and deletes files it no
   * longer names.
   */
  public State commit(State state, Map<String, Parameter> parameters, AdamW optimizer,
      boolean best) throws IOException {
    String weights = "epoch-" + state.epochsDone() + ".safetensors";
    String moments = "optimizer-" + state.epochsDone() + ".safetensors";
    writeParameters(parameters, folder.resolve(weights));
    optimizer.save(folder.resolve(moments));
    String bestFile = state.best();
    if (best) {
      bestFile = "best-" + state.epochsDone() + ".safetensors";
      Files.copy(folder.resolve(weights), folder.resolve(bestFile),
          StandardCopyOption.REPLACE_EXISTING);
    }
    State next = new State(state.fingerprint(), state.epochsDone(), state.bestEpoch(),
        state.bestScore(), state.badEpochs(), state.history(), weights, moments, bestFile);
    Path temp = folder.resolve(STATE + ".tmp");
    JSON.writeValue(temp.toFile(), next);
    Files.move(temp, folder.resolve(STATE), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    List<String> keep = List.of(STATE, weights, moments, bestFile == null ? "" : bestFile);
    try (var files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!keep.contains(file.getFileName().toString())) {
          Files.deleteIfExists(file);
        }
      }
    }
    return next;
  }

  /** Copies the named weights file's tensors into {@code parameters}. */
  public void restore(String file, Map<String, Parameter> parameters, NDManager manager)
      throws IOException {
    Path path = folder.resolve(file);
    try (NDManager scope = manager.newSubManager()) {
      NDList arrays = Safetensors.read(scope, path);
      for (NDArray array : arrays) {
        Parameter parameter = parameters.get(array.getName());
        if (parameter == null || !parameter.getArray().getShape().equals(array.getShape())) {
          throw new IOException(path + ": tensor " + array.getName()
              + " does not fit this model; the checkpoint belongs to another run");
        }
        org.distill4j.neural.InPlace.copy(array, parameter.getArray());
      }
    }
  }

  /** The optimiser state file's path. */
  public Path path(String file) {
    return folder.resolve(file);
  }

  private static void writeParameters(Map<String, Parameter> parameters, Path file)
      throws IOException {
    NDList arrays = new NDList();
    List<NDArray> copies = new ArrayList<>();
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      NDArray copy = entry.getValue().getArray().duplicate();
      copy.setName(entry.getKey());
      copies.add(copy);
      arrays.add(copy);
    }
    try {
      Safetensors.write(arrays, file);
    } finally {
      copies.forEach(NDArray::close);
    }
  }
}
