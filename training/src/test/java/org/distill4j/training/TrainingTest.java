package org.distill4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.SettingException;
import org.distill4j.training.config.StudentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's settings errors name the setting, which each front end spells its way. */
class TrainingTest {
  @TempDir Path dir;

  @Test
  void anEpochOverrideBelowOneIsASettingError() throws Exception {
    StudentConfig c = StudentConfig.read(Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\n"));
    assertThat(Training.withEpochs(c, null)).isSameAs(c);
    assertThat(Training.withEpochs(c, 3).epochs()).isEqualTo(3);
    assertThatThrownBy(() -> Training.withEpochs(c, 0))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(Training.EPOCHS);
          assertThat(e.renderedAs(s -> "--" + s)).isEqualTo("--epochs must be at least 1, found 0");
        });
    assertThat(Training.reportFile(c)).isEqualTo(dir.resolve("run").resolve("report.json"));
  }
}
