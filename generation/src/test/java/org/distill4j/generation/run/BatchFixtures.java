package org.distill4j.generation.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.batchapi.BatchApis;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Answer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.distill4j.teacher.testing.BatchTeacherServer.Fate;

/**
 * Runs of the shared test recipe against a {@link BatchTeacherServer}, with and without
 * {@code --batch}, and what they wrote, ready to compare.
 */
final class BatchFixtures {
  static final String KEY = "sk-batch-fixture-5678";
  static final ChatModelFactory TEACHERS =
      new ChatModelFactory(env -> "BATCH_KEY".equals(env) ? KEY : null);

  private BatchFixtures() {}

  /**
   * The teacher: a preamble only for events with "fails" (re-asked, then a parse failure); a
   * cut reply for events with "cut" while max_tokens is under 300; a 400 for events with
   * "refuse"; else two items, one of them the same in every sample.
   */
  static Answer script(JsonNode body) {
    String text = body.path("messages").toString();
    if (text.contains("refuse")) {
      throw new IllegalArgumentException("scripted refusal of this prompt");
    }
    if (text.contains("fails")) {
      return Answer.of("Sure, here are some answers:");
    }
    int max = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt());
    if (text.contains("cut") && max < 300) {
      return new Answer("1. to be cut o", true);
    }
    return Answer.of("Here you go:\n1. to do thing " + body.path("seed").asInt(-1)
        + "\n2. \"to be common\"\n");
  }

  /** Jobs leave events with "late" unanswered (expired) and error those with "refuse". */
  static Fate fate(JsonNode body) {
    String text = body.path("messages").toString();
    return text.contains("refuse") ? Fate.ERROR : text.contains("late") ? Fate.EXPIRE
        : Fate.ANSWER;
  }

  static Path seeds(Path dir, String... events) throws IOException {
    Path seeds = dir.resolve("seeds.jsonl");
    List<String> lines = new ArrayList<>();
    for (String e : events) {
      lines.add("{\"event\": \"" + e + "\"}");
    }
    Files.write(seeds, lines);
    return seeds;
  }

  static GenerationSettings settings(Dialect dialect, String baseUrl, Path recipe, Path seeds,
      Path out) {
    TeacherConfig teacher = new TeacherConfig(dialect == Dialect.OPENAI ? "openai" : "anthropic",
        "test-model", baseUrl, "BATCH_KEY", 5.0);
    return new GenerationSettings(RecipeLoader.load(recipe), seeds, FieldMapping.parse(List.of()),
        teacher, new RunnerSettings(3, 0, 0, new RetryPolicy(3, Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofSeconds(2))), out, null, 0);
  }

  /** A run without the batch API. */
  static RunManifest sync(GenerationSettings s) {
    return new GenerationRun(s, TEACHERS.teacher(s.teacher()), null).run();
  }

  /** A run through the batch API first, polling every few milliseconds. */
  static RunManifest batch(GenerationSettings s, int maxRequestsPerJob, ProgressListener progress) {
    GenerationSettings b = s.withBatch(new BatchSettings(Duration.ofMillis(5), maxRequestsPerJob,
        3));
    return new GenerationRun(b, TEACHERS.teacher(s.teacher()), null, progress,
        BatchApis.open(TEACHERS.setup(s.teacher()), SettingNames.BATCH)).run();
  }

  /** The records, without what differs between any two runs (run id, time), sorted. */
  static List<String> records(Path out) {
    List<String> lines = new ArrayList<>();
    for (JsonNode n : lines(out.resolve(RunFolder.GENERATED))) {
      ObjectNode provenance = (ObjectNode) n.path("provenance");
      provenance.remove("createdAt");
      provenance.remove("runId");
      lines.add(n.toString());
    }
    lines.sort(null);
    return lines;
  }

  /** The failure lines as key, category and reason, sorted. */
  static List<String> failures(Path out) {
    List<String> lines = new ArrayList<>();
    for (JsonNode n : lines(out.resolve(RunFolder.FAILURES))) {
      lines.add(n.path("key").asText() + " " + n.path("category").asText() + " "
          + n.path("reason").asText());
    }
    lines.sort(null);
    return lines;
  }

  static List<JsonNode> lines(Path file) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        out.add(CorpusJson.json().readTree(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
