package org.distill4j.neural.decoder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.DecoderLora;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneResult;
import org.distill4j.neural.tune.TuneSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalLmTaskTest {
  @TempDir Path dir;

  static Path fixture(String name) throws Exception {
    return Paths.get(CausalLmTaskTest.class.getResource("/decoder/" + name + "/config.json")
        .toURI()).getParent();
  }

  private static PackedRow row(long[] ids, int promptLength) {
    int[] mask = new int[ids.length];
    for (int i = promptLength; i < ids.length; i++) {
      mask[i] = 1;
    }
    long[] positions = new long[ids.length];
    int[] segments = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      positions[i] = i;
      segments[i] = 1;
    }
    return new PackedRow(ids, mask, positions, segments);
  }

  /** Two examples in one row: positions restart, segments differ. */
  private static PackedRow packed(PackedRow a, PackedRow b) {
    int n = a.length() + b.length();
    long[] ids = new long[n];
    int[] mask = new int[n];
    long[] positions = new long[n];
    int[] segments = new int[n];
    System.arraycopy(a.ids(), 0, ids, 0, a.length());
    System.arraycopy(b.ids(), 0, ids, a.length(), b.length());
    System.arraycopy(a.lossMask(), 0, mask, 0, a.length());
    System.arraycopy(b.lossMask(), 0, mask, a.length(), b.length());
    System.arraycopy(a.positions(), 0, positions, 0, a.length());
    System.arraycopy(b.positions(), 0, positions, a.length(), b.length());
    for (int i = 0; i < n; i++) {
      segments[i] = i < a.length() ? 1 : 2;
    }
    return new PackedRow(ids, mask, positions, segments);
  }

  @Test
  void aPackedRowLosesExactlyWhatItsExamplesLoseApart() throws Exception {
    PackedRow a = row(new long[] {5, 17, 33, 8, 41, 12}, 3);
    PackedRow b = row(new long[] {60, 2, 9, 77}, 1);
    CausalLmTask task = new CausalLmTask(4);
    try (DecoderLm model = DecoderLm.load(fixture("llama"), null, Device.cpu(), 0)) {
      // score is the negative mean NLL per target: 3 targets in a, 3 in b.
      double apartA = -task.score(model, List.of(a)) * 3;
      double apartB = -task.score(model, List.of(b)) * 3;
      double together = -task.score(model, List.of(packed(a, b))) * 6;
      assertThat(together).isCloseTo(apartA + apartB, within(1e-4));
      // Padding a short row beside a long one changes nothing either.
      double padded = -task.score(model, List.of(a, b)) * 6;
      assertThat(padded).isCloseTo(apartA + apartB, within(1e-4));
    }
  }

  private static List<PackedRow> data(int count, long seed) {
    // A learnable pattern: after the prompt the row counts up by 3 from its first token.
    Random random = new Random(seed);
    List<PackedRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = 4 + random.nextInt(40);
      long[] ids = new long[8];
      for (int t = 0; t < ids.length; t++) {
        ids[t] = start + 3L * t;
      }
      rows.add(row(ids, 2));
    }
    return rows;
  }

  @Test
  void loraTrainingLowersTheDevLossAndTouchesOnlyTheAdapters() throws Exception {
    TuneSettings settings = new TuneSettings(3, 8, 1, 3e-2, 0.0, 0.1, 1.0, 0, 5);
    DecoderLora lora = new DecoderLora(4, 8, 0.0, List.of("q_proj", "v_proj", "down_proj"));
    try (DecoderLm model = DecoderLm.load(fixture("qwen2"), lora, Device.cpu(), 1)) {
      float[] embedding = model.parameters().get("model.embed_tokens.weight").getArray()
          .toFloatArray();
      CausalLmTask task = new CausalLmTask(8);
      List<PackedRow> dev = data(16, 2);
      double before = task.score(model, dev);
      TuneResult result = new FineTuner<>(model, task, settings, TuneListener.silent())
          .run(data(48, 1), dev, null);
      assertThat(result.bestScore()).isGreaterThan(before + 0.5);
      assertThat(model.parameters().get("model.embed_tokens.weight").getArray().toFloatArray())
          .containsExactly(embedding);
    }
  }

  @Test
  void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
    List<PackedRow> train = data(24, 3);
    float[] straight;
    try (DecoderLm model = DecoderLm.load(fixture("gpt2"), null, Device.cpu(), 0)) {
      new FineTuner<>(model, new CausalLmTask(8),
          new TuneSettings(2, 8, 1, 1e-3, 0.01, 0.1, 1.0, 0, 5), TuneListener.silent())
          .run(train, List.of(), dir.resolve("straight"));
      straight = model.parameters().get("transformer.h.1.mlp.c_fc.weight").getArray()
          .toFloatArray();
    }
    Path resumed = dir.resolve("resumed");
    try (DecoderLm model = DecoderLm.load(fixture("gpt2"), null, Device.cpu(), 0)) {
      // The first run dies in the first step of epoch 2 (3 steps per epoch), after epoch 1's
      // checkpoint landed, as a killed one would.
      new FineTuner<>(model, new CausalLmTask(8),
          new TuneSettings(2, 8, 1, 1e-3, 0.01, 0.1, 1.0, 0, 5), new TuneListener() {
            @Override
            public void step(int step, int total, double loss) {
              if (step == 4) {
                throw new IllegalStateException("killed");
              }
            }
          }).run(train, List.of(), resumed);
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("killed");
    }
    try (DecoderLm model = DecoderLm.load(fixture("gpt2"), null, Device.cpu(), 0);
        NDManager ignored = NDManager.newBaseManager()) {
      int[] resumedAt = {-1};
      new FineTuner<>(model, new CausalLmTask(8),
          new TuneSettings(2, 8, 1, 1e-3, 0.01, 0.1, 1.0, 0, 5), new TuneListener() {
            @Override
            public void resumed(int epochsDone) {
              resumedAt[0] = epochsDone;
            }
          }).run(train, List.of(), resumed);
      assertThat(resumedAt[0]).isEqualTo(1);
      assertThat(model.parameters().get("transformer.h.1.mlp.c_fc.weight").getArray()
          .toFloatArray()).containsExactly(straight);
    }
  }
}
