package org.distill4j.examples;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.filtering.Filtering;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.FilterSettings;
import org.distill4j.generation.Generation;
import org.distill4j.generation.GenerationJob;
import org.distill4j.generation.run.RunManifest;

/**
 * Generates ATOMIC-style commonsense triples for three events with a teacher on any
 * OpenAI-compatible server (vLLM, llama.cpp, LM Studio, OpenAI), then filters them.
 *
 * <p>Arguments: {@code [BASE_URL [MODEL [OUT_DIR]]]} (how to start it: examples/README.md).
 * BASE_URL defaults to {@code $OPENAI_BASE_URL} or {@code http://localhost:8000/v1}, MODEL to
 * {@code $TEACHER_MODEL} or {@code Qwen2.5-7B-Instruct}; the key is {@code $OPENAI_API_KEY}
 * (local servers ignore it). Run it twice: the second run is answered from the reply cache.
 */
public final class GenerateAndFilter {
  private GenerateAndFilter() {}

  public static void main(String[] args) throws IOException {
    String baseUrl = args.length > 0 ? args[0] : env("OPENAI_BASE_URL", "http://localhost:8000/v1");
    String model = args.length > 1 ? args[1] : env("TEACHER_MODEL", "Qwen2.5-7B-Instruct");
    Path out = Path.of(args.length > 2 ? args[2] : "runs/java-example");
    run(baseUrl, model, out);
  }

  /** Generates into {@code out/run}, filters into {@code out/filtered}; returns the outcome. */
  public static FilterRun.Outcome run(String baseUrl, String model, Path out) throws IOException {
    ChatModel teacher = OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey(env("OPENAI_API_KEY", "not-needed"))
        .modelName(model)
        .maxRetries(0)                      // distill4j's runner does the retrying
        .build();
    Path seeds = Files.write(Files.createDirectories(out).resolve("events.txt"), List.of(
        "PersonX bakes bread for the neighbours", "PersonX misses the last bus",
        "PersonX adopts a dog"));

    GenerationJob job = GenerationJob.builder(Repo.file("prompts/commonsense-atomic.yaml"),
        seeds, out.resolve("run")).fields("event=0").concurrency(4).build();
    RunManifest generated = new Generation().run(job, teacher);
    Generation.Outputs run = new Generation.Outputs(job.outDir());
    System.out.printf("generated %d records from %d requests (%d sent this time)%n",
        generated.counts().records(), generated.counts().requests(),
        generated.teacherCalls().requestsSent());
    if (generated.counts().records() == 0) {    // e.g. no server at baseUrl: nothing to filter
      throw new IllegalStateException("no records from the teacher at " + baseUrl + ": "
          + generated.failuresByCategory() + "; see " + run.failures());
    }

    FilterRun.Outcome filtered = Filtering.run(FilterSettings.builder(
        Repo.file("pipelines/filters/commonsense.yaml"),
        run.generated(), out.resolve("filtered")).build());
    System.out.printf("kept %d of %d records: %s%n", filtered.funnel().kept(),
        filtered.funnel().input(), new Filtering.Outputs(out.resolve("filtered")).kept());
    return filtered;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
