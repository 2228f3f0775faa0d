package org.distill4j.neural;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A model {@code neural.tune.FineTuner} can train: named parameters in one manager, a default choice of
 * which of them train, and the layer structure that partial freezing needs.
 */
public interface Tunable {
  /** Every parameter by name. */
  Map<String, Parameter> parameters();

  /** The manager that owns the parameters (and the optimiser state). */
  NDManager manager();

  /** The parameters that train by default: all of them, or only adapters (and a head). */
  Map<String, Parameter> trainable();

  /** The number of layers {@link #frozenBelow} can freeze. */
  int depth();

  /** Whether {@code name} is in the embeddings or the lowest {@code layers} layers. */
  boolean frozenBelow(String name, int layers);

  /** What the model is, for the checkpoint fingerprint (head, adapters, shape). */
  String describe();
}
