package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.distill4j.core.io.SettingException;
import org.junit.jupiter.api.Test;

/** The generate stage's errors name the setting's key in the pipeline file. */
class GenerateStageKeysTest {
  @Test
  void teacherSettingsSitUnderTeacherAndTheRestUnderGenerate() {
    assertThat(PipelineConfig.keyOf("base_url")).isEqualTo("teacher.base_url");
    assertThat(PipelineConfig.keyOf("timeout_seconds")).isEqualTo("teacher.timeout_seconds");
    assertThat(PipelineConfig.keyOf("concurrency")).isEqualTo("generate.concurrency");
    assertThat(PipelineConfig.keyOf("limit")).isEqualTo("generate.limit");
  }

  @Test
  void aSettingExceptionIsRenamedToItsYamlKey() {
    SettingException keyed = GenerateStage.inPipelineTerms(new SettingException("base_url",
        "{setting} \"x\" is not a URL; fix {setting}"));
    assertThat(keyed.getMessage())
        .isEqualTo("teacher.base_url \"x\" is not a URL; fix teacher.base_url");
    assertThat(GenerateStage.inPipelineTerms(new SettingException("limit", "must be 0 or more"))
        .getMessage()).isEqualTo("generate.limit: must be 0 or more");
  }
}
