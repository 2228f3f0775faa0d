package org.distill4j.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentConfigTest {
  @TempDir Path dir;

  @Test
  void resolvesPathsAgainstTheConfigAndFillsDefaults() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"), "train: data/train.jsonl\nout: run\n");
    StudentConfig c = StudentConfig.read(cfg);
    assertThat(c.train()).isEqualTo(dir.resolve("data/train.jsonl"));
    assertThat(c.out()).isEqualTo(dir.resolve("run"));
    assertThat(c.student()).isEqualTo(StudentType.GENERATIVE);
    assertThat(c.epochs()).isEqualTo(10);
    assertThat(c.model().size().embedding()).isEqualTo(128);
  }

  @Test
  void aTypoIsAnErrorWithFileAndLine() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\nepohcs: 3\n");
    assertThatThrownBy(() -> StudentConfig.read(cfg)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml:3").hasMessageContaining("epohcs");
  }

  @Test
  void aBadValueNamesTheField() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\nstudent: giant\n");
    assertThatThrownBy(() -> StudentConfig.read(cfg)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml").hasMessageContaining("\"student\"");
  }

  @Test
  void retrievalMayLeaveTheStoreToWhoeverRunsIt() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"),
        "train: a.jsonl\nout: run\nretrieval: {k: 2}\n");
    StudentConfig c = StudentConfig.read(cfg);
    assertThat(c.retrieval().kb()).isNull();
    assertThat(c.retrieval().k()).isEqualTo(2);
    assertThat(c.retrieval().mode()).isEqualTo("keyword");
  }
}
