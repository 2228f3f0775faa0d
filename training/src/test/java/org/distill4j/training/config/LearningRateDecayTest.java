package org.distill4j.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningRateDecayTest {
  @TempDir Path dir;

  @Test
  void holdsTheRateUntilTheDecayEpochThenFallsLinearlyToTheFinalShare() {
    // 4 epochs of 10 steps, decay over epochs 3 and 4: steps 1..20 constant, 21..40 falling.
    Tracker t = new LearningRateDecay(3, 0.1).tracker(0.002f, 10, 4);
    assertThat(t.getNewValue(1)).isEqualTo(0.002f);
    assertThat(t.getNewValue(20)).isEqualTo(0.002f);
    assertThat(t.getNewValue(21)).isCloseTo(0.002f - 0.0018f / 20, within(1e-7f));
    assertThat(t.getNewValue(30)).isCloseTo(0.0011f, within(1e-7f));
    assertThat(t.getNewValue(40)).isCloseTo(0.0002f, within(1e-7f));
    // Steps past the planned end (a longer resumed run) stay at the floor, never below.
    assertThat(t.getNewValue(55)).isCloseTo(0.0002f, within(1e-7f));
  }

  @Test
  void aDecayStartingAfterTheLastEpochNeverApplies() {
    Tracker t = new LearningRateDecay(9, 0.0).tracker(0.01f, 5, 8);
    assertThat(t.getNewValue(40)).isEqualTo(0.01f);
  }

  @Test
  void isReadFromTheConfigAndDrivesTheSchedule() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"), "train: a.jsonl\nout: run\nepochs: 2\n"
        + "learning_rate: 0.01\nlearning_rate_decay: {from_epoch: 2, final_factor: 0.5}\n");
    StudentConfig c = StudentConfig.read(cfg);
    Tracker t = c.learningRateSchedule(3);
    assertThat(t.getNewValue(3)).isEqualTo(0.01f);
    assertThat(t.getNewValue(6)).isCloseTo(0.005f, within(1e-7f));
    StudentConfig constant = StudentConfig.read(
        Files.writeString(dir.resolve("c.yaml"), "train: a.jsonl\nout: run\nepochs: 2\n"));
    assertThat(constant.learningRateSchedule(3).getNewValue(6)).isEqualTo(0.001f);
  }

  @Test
  void badSettingsNameTheField() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"), "train: a.jsonl\nout: run\n"
        + "learning_rate_decay: {from_epoch: 0}\n");
    assertThatThrownBy(() -> StudentConfig.read(cfg)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml").hasMessageContaining("learning_rate_decay.from_epoch");
    assertThatThrownBy(() -> new LearningRateDecay(2, 1.5))
        .hasMessageContaining("learning_rate_decay.final_factor");
  }
}
