package org.distill4j.generation.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.distill4j.teacher.testing.FakeTeacherServer.Reply;

/** A tiny commonsense recipe, seeds and a scripted teacher shared by the run tests. */
final class RunFixtures {
  private RunFixtures() {}

  static String recipe(String tailTemplate, int maxTokens) {
    return """
        id: test-commonsense
        version: "1"
        kind: triple
        inputs: [event]
        expand:
          - {relation: xIntent, question: "Why?"}
          - {relation: xWant, question: "What next?"}
        system: Answer with a numbered list.
        user: |
          Event: {{event}}
          Question: {{question}}
        sampling: {n: 2, temperature: 0.9, max_tokens: %d, seed: 1}
        output:
          format: lines
          max_reasks: 1
          fields: {head: "{{event}}", relation: "{{relation}}", tail: "%s"}
        """.formatted(maxTokens, tailTemplate);
  }

  static Path writeRecipe(Path dir, String text) throws IOException {
    Path f = dir.resolve("recipe.yaml");
    Files.writeString(f, text);
    return f;
  }

  /**
   * The teacher: two items per reply, one shared by every sample (a cross-sample duplicate);
   * a preamble only for events with "fails"; a cut reply for events with "cut" while max_tokens
   * is under 300.
   */
  static Reply script(FakeTeacherServer.Received r) {
    String user = r.lastUser();
    int seed = r.body().path("seed").asInt();
    int maxTokens = r.body().path("max_tokens").asInt(r.body().path("max_completion_tokens").asInt());
    if (user.contains("fails")) {
      return FakeTeacherServer.ok("Sure, here are some answers:");
    }
    if (user.contains("cut") && maxTokens < 300) {
      return new Reply.Ok("1. to be cut o", "length", true, 0);
    }
    return FakeTeacherServer.ok("Here you go:\n1. to do thing " + seed + "\n2. \"to be common\"\n");
  }

  static GenerationSettings settings(Path recipeFile, Path seeds, String baseUrl, Path out,
      int concurrency) {
    return new GenerationSettings(
        RecipeLoader.load(recipeFile), seeds, FieldMapping.parse(List.of()),
        new TeacherConfig("openai", "test-model", baseUrl, null, 5.0),
        new RunnerSettings(concurrency, 0, 0,
            new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50),
                java.time.Duration.ofSeconds(2))),
        out, null, 0);
  }
}
