package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.distill4j.training.config.StudentConfig;

/** The epoch loop with a scripted student: early stopping, checkpoint upkeep, torn checkpoints. */
class EpochLoopTest {
  @TempDir Path dir;

  /** A student whose dev losses are scripted and whose "parameters" are the epochs it saw. */
  private static final class ScriptedWork implements EpochLoop.Work {
    private final double[] devLosses;
    private final List<Integer> trained = new ArrayList<>();
    private int epoch;

    ScriptedWork(double... devLosses) {
      this.devLosses = devLosses;
    }

    @Override
    public EpochLoop.TrainResult trainEpoch(int e, Random random) {
      epoch = e;
      trained.add(e);
      return new EpochLoop.TrainResult(1.0 / e, 100, null);
    }

    @Override
    public EpochLoop.DevResult dev() {
      return new EpochLoop.DevResult(devLosses[epoch - 1], "exact_match", 0.1 * epoch);
    }

    @Override
    public void save(Path d) throws IOException {
      Files.writeString(d.resolve("params.txt"), String.valueOf(epoch));
    }

    @Override
    public void load(Path d) throws IOException {
      epoch = Integer.parseInt(Files.readString(d.resolve("params.txt")));
    }
  }

  private StudentConfig config(int epochs, int patience) {
    return new StudentConfig(null, dir.resolve("t.jsonl"), null, null, dir.resolve("run"), 1L,
        "cpu", epochs, 4, 0.001, patience, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  @Test
  void stopsAfterPatienceEpochsWithoutABetterDevLossAndKeepsLatestAndBest() throws Exception {
    ScriptedWork work = new ScriptedWork(1.0, 0.8, 0.85, 0.9, 0.7, 0.6);
    RunReport r = EpochLoop.run(config(6, 2), work, new EpochLoop.Counts(1, 1, 0), s -> { },
        e -> { });
    assertThat(work.trained).containsExactly(1, 2, 3, 4);
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.bestEpoch()).isEqualTo(2);
    assertThat(r.bestDevMetric()).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    try (Stream<Path> s = Files.list(dir.resolve("run/checkpoints"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("epoch-0002", "epoch-0004");
    }
    assertThat(EpochLoop.bestCheckpoint(dir.resolve("run")))
        .isEqualTo(dir.resolve("run/checkpoints/epoch-0002"));
  }

  @Test
  void aCheckpointCutOffMidWriteIsIgnoredOnResume() throws Exception {
    EpochLoop.run(config(2, 0), new ScriptedWork(1, 0.9, 0.8), new EpochLoop.Counts(1, 1, 0),
        s -> { }, e -> { });
    // A kill while epoch 3's checkpoint was being written leaves only its temporary folder.
    Files.createDirectories(dir.resolve("run/checkpoints/epoch-0003.tmp"));
    ScriptedWork resumed = new ScriptedWork(1, 0.9, 0.8);
    RunReport r = EpochLoop.run(config(3, 0), resumed, new EpochLoop.Counts(1, 1, 0), s -> { },
        e -> { });
    assertThat(r.resumedFromEpoch()).isEqualTo(2);
    assertThat(resumed.trained).containsExactly(3);
    assertThat(Files.readAllLines(dir.resolve("run/metrics.jsonl"))).hasSize(3);
    assertThat(Files.exists(dir.resolve("run/checkpoints/epoch-0003.tmp"))).isFalse();
  }
}
