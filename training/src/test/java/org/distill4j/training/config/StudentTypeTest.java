package org.distill4j.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student type is parsed once, from the config, into an enum. */
class StudentTypeTest {
  @TempDir Path dir;

  @Test
  void anUnknownStudentListsTheValidOnesAtItsLine() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\nstudent: giant\n");
    assertThatThrownBy(() -> StudentConfig.read(cfg)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml:3")
        .hasMessageContaining("\"student\"")
        .hasMessageContaining("generative, scorer, encoder")
        .hasMessageContaining("giant");
  }

  @Test
  void theConfigSpellingsParseAndPrintBack() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\nstudent: scorer\n");
    assertThat(StudentConfig.read(cfg).student()).isEqualTo(StudentType.SCORER);
    assertThat(StudentType.SCORER.configName()).isEqualTo("scorer");
    assertThat(StudentType.parse("generative")).isEqualTo(StudentType.GENERATIVE);
    assertThatThrownBy(() -> StudentType.parse("Scorer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field \"student\" must be one of generative, scorer, encoder, decoder, found \"Scorer\"");
  }
}
