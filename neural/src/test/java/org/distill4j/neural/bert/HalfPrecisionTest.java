package org.distill4j.neural.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.neural.device.Precision;
import org.distill4j.neural.testing.TinyBert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fp16 scoring on CPU (PyTorch's CPU kernels do fp16): the logits agree with float32 to fp16's
 * precision, the weights stay float32, and training's forward pass is untouched.
 */
class HalfPrecisionTest {
  @TempDir static Path dir;
  static Path base;
  private static final List<TextPair> TEXTS = List.of(
      new TextPair("the film was", "wonderful and good"),
      TextPair.of("a short one"),
      new TextPair("the meal was cold and the room was loud", "awful"));

  @BeforeAll
  static void makeBase() throws Exception {
    base = TinyBert.write(dir.resolve("base"), 3, 0.0);
  }

  private static BertClassifier classifier() throws Exception {
    return BertClassifier.create(base, BertHead.binary("no", "yes"), null, 32, 1, Device.cpu());
  }

  @Test
  void fp16ScoringGivesLogitsCloseToFloat32AndLeavesTheWeightsFloat32() throws Exception {
    try (BertClassifier model = classifier()) {
      assertThat(model.manager().getDevice()).isEqualTo(Device.cpu());
      float[][] exact = model.logits(TEXTS, 8);
      model.setScoringType(Precision.FP16.resolve(Device.cpu()));
      float[][] half = model.logits(TEXTS, 8);
      double largest = 0;
      for (int i = 0; i < exact.length; i++) {
        for (int j = 0; j < exact[i].length; j++) {
          largest = Math.max(largest, Math.abs(half[i][j] - exact[i][j]));
          // fp16 keeps 11 significant bits (2^-11 relative per rounding), compounded over two
          // layers and a few hundred additions: well under a hundredth on logits of order 1.
          assertThat(Math.abs(half[i][j] - exact[i][j]))
              .isLessThan(0.01f + 0.01f * Math.abs(exact[i][j]));
        }
      }
      assertThat(largest).isPositive();
      assertThat(model.parameters().values())
          .allMatch(p -> p.getArray().getDataType() == DataType.FLOAT32);
    }
  }

  @Test
  void trainingStillComputesInFloat32WithGradientsOnTheWeights() throws Exception {
    try (BertClassifier model = classifier()) {
      model.setScoringType(DataType.FLOAT16);
      Parameter query = model.parameters().get("bert.encoder.layer.0.attention.self.query.weight");
      query.getArray().setRequiresGradient(true);
      try (NDManager scope = model.manager().newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(new ParameterStore(model.manager(), false),
            model.inputs(scope, TEXTS), true);
        assertThat(logits.getDataType()).isEqualTo(DataType.FLOAT32);
        collector.backward(logits.logSoftmax(1).get(":, 1").sum().neg());
      }
      NDArray gradient = query.getArray().getGradient();
      assertThat(gradient.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(gradient.abs().sum().getFloat()).isPositive();
    }
  }

  @Test
  void onlyFloat32AndFp16AreAccepted() throws Exception {
    try (BertClassifier model = classifier()) {
      assertThatThrownBy(() -> model.setScoringType(DataType.BFLOAT16))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> model.setScoringType(DataType.INT32))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
