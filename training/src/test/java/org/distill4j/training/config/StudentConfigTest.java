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
  void theBuilderGivesTheConfigTheSameYamlGives() throws Exception {
    Path cfg = Files.writeString(dir.resolve("t.yaml"), String.join("\n",
        "train: " + dir.resolve("train.jsonl"),
        "out: " + dir.resolve("run"),
        "epochs: 3",
        "batch_size: 4",
        "device: cpu",
        "vocabulary_size: 400",
        "model: {embedding: 32, heads: 2, layers: 1, hidden: 64, max_length: 24, dropout: 0.0}",
        "evaluation: {limit: 8, max_new_tokens: 8}",
        ""));
    StudentConfig built = StudentConfig.builder(dir.resolve("train.jsonl"), dir.resolve("run"))
        .epochs(3).batchSize(4).device("cpu").vocabularySize(400)
        .model(new StudentConfig.ModelSettings(32, 2, 1, 64, 24, 0f))
        .evaluation(new StudentConfig.EvaluationSettings(8, 8))
        .build();

    assertThat(built).isEqualTo(StudentConfig.read(cfg));
    assertThat(built.learningRate()).isEqualTo(1e-3);
    assertThatThrownBy(() -> StudentConfig.builder(dir.resolve("a.jsonl"), dir.resolve("run"))
        .batchSize(0).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"batch_size\"");
    assertThatThrownBy(() -> StudentConfig.builder(dir.resolve("a.jsonl"), dir.resolve("run"))
        .student(StudentType.ENCODER).build()).hasMessageContaining("\"base\" is missing");
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
