package org.distill4j.generation;

import org.distill4j.generation.run.SettingNames;
import org.distill4j.generation.run.GenerationFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.SettingException;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one entry point owns the defaults and names settings by the stage's own names. */
class GenerationTest {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml");

  @TempDir Path dir;

  private GenerationJob job(TeacherConfig teacher, Integer concurrency, Long limit)
      throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"), "PersonX pays the bill\n");
    return new GenerationJob(ATOMIC, seeds, null, List.of("event=0"), teacher,
        dir.resolve("run"), null, concurrency, null, limit, null, null, null, null, null, null);
  }

  @Test
  void absentSettingsTakeTheStageDefaults() throws IOException {
    GenerationSettings s = new Generation().settings(job(TeacherConfig.empty(), null, null));
    assertThat(s.runner().concurrency()).isEqualTo(Generation.DEFAULT_CONCURRENCY).isEqualTo(8);
    assertThat(s.runner().retry().maxAttempts()).isEqualTo(Generation.DEFAULT_MAX_ATTEMPTS)
        .isEqualTo(6);
    assertThat(s.runner().requestsPerMinute()).isZero();
    assertThat(s.limit()).isZero();
    assertThat(s.cacheDir()).isEqualTo(dir.resolve("run").resolve(GenerationFiles.CACHE));
  }

  @Test
  void aBadSettingIsNamedByTheStageAndSpelledByTheCaller() throws IOException {
    assertThatThrownBy(() -> new Generation().settings(job(TeacherConfig.empty(), 0, null)))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingNames.CONCURRENCY);
          assertThat(e.renderedAs(Map.of("concurrency", "--concurrency")::get))
              .isEqualTo("--concurrency must be at least 1, found 0");
        });
    assertThatThrownBy(() -> new Generation().settings(job(TeacherConfig.empty(), null, -1L)))
        .isInstanceOfSatisfying(SettingException.class,
            e -> assertThat(e.setting()).isEqualTo(SettingNames.LIMIT));
  }

  @Test
  void aBatchIsRefusedForATeacherWithoutABatchApiBeforeAnythingIsContacted()
      throws IOException {
    GenerationJob plain = job(new TeacherConfig("ollama", "llama3.2", "http://127.0.0.1:9",
        null, 5.0), null, null);
    GenerationJob batch = new GenerationJob(plain.recipe(), plain.seeds(), null, plain.fields(),
        plain.teacher(), plain.outDir(), null, null, null, null, null, null, null, null, true,
        null);
    assertThatThrownBy(() -> new Generation().settings(batch))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingNames.BATCH);
          assertThat(e.renderedAs(Map.of("batch", "--batch")::get))
              .contains("teacher \"ollama\" has no batch API; --batch works with openai and"
                  + " anthropic");
        });
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void aBatchPollsEveryMinuteUnlessToldOtherwise() throws IOException {
    GenerationJob plain = job(new TeacherConfig("openai", "m", null, null, null), null, null);
    GenerationJob batch = new GenerationJob(plain.recipe(), plain.seeds(), null, plain.fields(),
        plain.teacher(), plain.outDir(), null, null, null, null, null, null, null, null, true,
        null);
    assertThat(new Generation().settings(plain).batch()).isNull();
    assertThat(new Generation().settings(batch).batch().pollInterval())
        .isEqualTo(java.time.Duration.ofSeconds(60));
  }

  @Test
  void anUnreachableTeacherIsAdvisedBySetting() throws IOException {
    TeacherConfig closed = new TeacherConfig("openai", "m", "http://127.0.0.1:9/v1", null, 5.0);
    assertThatThrownBy(() -> new Generation(new ChatModelFactory(env -> null))
        .run(job(closed, null, null), ProgressListener.none()))
        .isInstanceOfSatisfying(TeacherProbe.TeacherUnreachableException.class, e ->
            assertThat(e.renderedAs(s -> "--" + s.replace('_', '-')))
                .contains("point --base-url at it"));
    assertThat(dir.resolve("run")).doesNotExist();
  }
}
