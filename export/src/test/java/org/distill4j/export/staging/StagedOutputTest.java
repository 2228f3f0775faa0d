package org.distill4j.export.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {
  @TempDir Path dir;

  private long entries() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void nothingAppearsUnderTheTargetNameUntilCommitAndAnAbandonedStagingIsRemoved()
      throws Exception {
    Path target = dir.resolve("out.jsonl");
    try (StagedOutput out = StagedOutput.file(target, false)) {
      Files.writeString(out.staging(), "half");
      assertThat(target).doesNotExist();
      assertThat(out.staging().getFileName().toString()).startsWith(".out.jsonl.partial-");
    }
    assertThat(entries()).isZero();
    try (StagedOutput out = StagedOutput.file(target, false)) {
      Files.writeString(out.staging(), "whole");
      out.commit();
    }
    assertThat(target).hasContent("whole");
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void replacesAFolderOfEarlierExportOutputOnlyWhenAsked() throws Exception {
    Path target = dir.resolve("ds");
    Files.createDirectories(target.resolve("data"));
    Files.writeString(target.resolve("data/train-00000-of-00001.parquet"), "old");
    Files.writeString(target.resolve("README.md"), "old card");
    assertThatThrownBy(() -> StagedOutput.folder(target, false))
        .isInstanceOf(TargetExistsException.class).hasMessageContaining("--overwrite");
    try (StagedOutput out = StagedOutput.folder(target, true)) {
      Files.writeString(out.staging().resolve("README.md"), "new card");
      out.commit();
    }
    assertThat(target.resolve("README.md")).hasContent("new card");
    assertThat(target.resolve("data")).doesNotExist();
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void neverReplacesAFolderHoldingFilesNoExportWrites() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("src"));
    Files.writeString(home.resolve("src/Main.java"), "class Main {}");
    Files.writeString(home.resolve("notes.md"), "mine");
    assertThatThrownBy(() -> StagedOutput.folder(home, true))
        .isInstanceOf(TargetExistsException.class)
        .hasMessageContaining("src/Main.java, which no export writes");
    assertThat(home.resolve("src/Main.java")).exists();
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void anEmptyFolderIsTakenWithoutAsking() throws Exception {
    Path target = Files.createDirectories(dir.resolve("empty"));
    try (StagedOutput out = StagedOutput.folder(target, false)) {
      Files.writeString(out.staging().resolve("train.jsonl"), "{}\n");
      out.commit();
    }
    assertThat(target.resolve("train.jsonl")).exists();
  }
}
