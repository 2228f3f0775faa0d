package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam whose moment estimates and step counts can be written to a checkpoint and read back. DJL's
 * own Adam keeps its state private and keyed by parameter ids that are random per model instance,
 * so a resumed run would restart with zero moments and take different steps than the run it
 * replaces; this one keys its state by parameter name, which is stable across instances.
 */
public final class ResumableAdam extends Optimizer {
  private final Tracker learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final Map<String, String> nameById = new HashMap<>();
  private final Map<String, NDArray> mean = new HashMap<>();
  private final Map<String, NDArray> variance = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();

  /** Adam with a constant {@code learningRate}, betas (0.9, 0.999) and epsilon 1e-8. */
  public ResumableAdam(float learningRate, float clipGrad, PairList<String, Parameter> params) {
    this(Tracker.fixed(learningRate), clipGrad, params);
  }

  /**
   * Adam whose rate follows {@code learningRate}, asked with each parameter's update count; the
   * counts are saved with the moments, so a resumed run continues the schedule where it was.
   */
  public ResumableAdam(Tracker learningRate, float clipGrad, PairList<String, Parameter> params) {
    super(new Settings().optClipGrad(clipGrad));
    this.learningRate = learningRate;
    this.beta1 = 0.9f;
    this.beta2 = 0.999f;
    this.epsilon = 1e-8f;
    for (var pair : params) {
      nameById.put(pair.getValue().getId(), pair.getKey());
    }
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    String name = nameById.getOrDefault(parameterId, parameterId);
    int t = steps.merge(name, 1, Integer::sum);
    try (NDScope scope = new NDScope()) {
      NDArray g = clipGrad > 0 ? grad.clip(-clipGrad, clipGrad) : grad;
      NDArray m = mean.get(name);
      NDArray v = variance.get(name);
      if (m == null) {
        m = weight.zerosLike();
        v = weight.zerosLike();
        NDScope.unregister(m, v);
        mean.put(name, m);
        variance.put(name, v);
      }
      m.muli(beta1).addi(g.mul(1 - beta1));
      v.muli(beta2).addi(g.square().mul(1 - beta2));
      float correction1 = 1 - (float) Math.pow(beta1, t);
      float correction2 = 1 - (float) Math.pow(beta2, t);
      NDArray step = m.div(correction1).mul(learningRate.getNewValue(t))
          .div(v.div(correction2).sqrt().add(epsilon));
      weight.subi(step);
    }
  }

  /** Writes the moments and step counts to {@code file}. */
  public void save(Path file) throws IOException {
    List<String> names = new ArrayList<>(mean.keySet());
    java.util.Collections.sort(names);
    NDList arrays = new NDList();
    for (String name : names) {
      arrays.add(mean.get(name));
      arrays.add(variance.get(name));
    }
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(raw)) {
      out.writeInt(names.size());
      for (String name : names) {
        out.writeUTF(name);
        out.writeInt(steps.get(name));
      }
      arrays.encode(out);
    }
  }

  /** Reads state written by {@link #save}; arrays are placed on {@code manager}. */
  public void load(Path file, NDManager manager) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(raw)) {
      int n = in.readInt();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        names.add(name);
        steps.put(name, in.readInt());
      }
      NDList arrays = NDList.decode(manager, in);
      for (int i = 0; i < n; i++) {
        mean.put(names.get(i), arrays.get(2 * i));
        variance.put(names.get(i), arrays.get(2 * i + 1));
      }
    }
  }

  private static final class Settings extends OptimizerBuilder<Settings> {
    @Override
    protected Settings self() {
      return this;
    }
  }
}
