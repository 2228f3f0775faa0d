package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.training.config.StudentConfig.RetrievalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseRetrieversTest {
  @TempDir Path dir;

  @Test
  void aMissingOrAbsentStoreIsBadInputSayingWhatToDo() {
    try (KnowledgeBaseRetrievers source = new KnowledgeBaseRetrievers()) {
      assertThatThrownBy(() -> source.open(new RetrievalSettings(null, null, null)))
          .isInstanceOf(InputException.class).hasMessageContaining("retrieval.kb is missing");
      Path none = dir.resolve("nokb");
      assertThatThrownBy(() -> source.open(new RetrievalSettings(none, "bm25", 3)))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("distill kb ingest --kb " + none);
    }
  }
}
