package org.distill4j.bench.generation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.Seed;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherConfig;

/**
 * End-to-end generation benchmarks, each against a local OpenAI-compatible server in a child JVM
 * ({@link TeacherProcess}: its CPU is not charged to the runner), with the recipe {@code prompts/qa-from-passage.yaml} (one request per seed, JSON
 * replies in code fences with trailing commas, two records each).
 *
 * <pre>
 * latency  N     100 ms server, concurrency 64: throughput vs the ideal 640 requests/s
 * instant  N     instant server: GenerationRun vs a bare loop of ChatModel.chat at concurrency 64
 *                sending the same messages and sampling; a warm-up round each, then 4 rounds,
 *                alternating which side runs first (odd rounds: bare loop first)
 * memory   N     N seeds (run with -Xmx256m): completes; prints peak heap
 * rerun    N     N requests against the 100 ms server, then the same run again (0 requests)
 * </pre>
 */
public final class GenerationBenchmark {
  private static final int CONCURRENCY = 64;

  private GenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The JDK server otherwise leaves Nagle's algorithm on: with delayed ACKs every reply waits
    // ~40 ms more, which caps any client at ~430 req/s here. Real servers (vLLM, Ollama) set it.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    String mode = args.length > 0 ? args[0] : "latency";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 6400;
    Path work = Files.createTempDirectory("distill4j-genbench");
    Path recipe = Path.of(System.getProperty("recipe", "prompts/qa-from-passage.yaml"));
    System.out.printf(Locale.ROOT, "mode=%s n=%d cores=%d maxHeap=%d MiB java=%s%n", mode, n,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    switch (mode) {
      case "latency" -> latency(recipe, work, n);
      case "instant" -> instant(recipe, work, n);
      case "memory" -> memory(recipe, work, n);
      case "rerun" -> rerun(recipe, work, n);
      default -> throw new IllegalArgumentException("mode must be latency, instant, memory or rerun");
    }
  }

  private static void latency(Path recipe, Path work, int n) throws Exception {
    try (TeacherProcess server = new TeacherProcess(100, CONCURRENCY * 2)) {
      Path seeds = seeds(work, n);
      warmUp(recipe, work, server);
      double bare = bareLoop(server, bareRequests(recipe, seeds));
      long t0 = System.nanoTime();
      RunManifest m = run(recipe, seeds, server, work.resolve("latency"));
      double s = (System.nanoTime() - t0) / 1e9;
      double rate = m.counts().requests() / s;
      System.out.printf(Locale.ROOT,
          "latency: %d requests, %d records in %.2f s = %.1f req/s; ideal 640 req/s; ratio %.3f;"
              + " bare ChatModel loop %.1f req/s (ratio %.3f); %d retries%n",
          m.counts().requests(), m.counts().records(), s, rate, rate / 640.0, bare, bare / 640.0,
          m.teacherCalls().retries());
    }
  }

  private static void instant(Path recipe, Path work, int n) throws Exception {
    try (TeacherProcess server = new TeacherProcess(0, CONCURRENCY * 2)) {
      Path seeds = seeds(work, n);
      List<ChatRequest> requests = bareRequests(recipe, seeds);
      // Both paths get a full round first, so each is measured with what it runs compiled: the
      // runner's path (cache, parser, writers) is far larger than the bare loop's.
      bareLoop(server, requests);
      run(recipe, seeds, server, work.resolve("instant-warm"));
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= 4; round++) {
        boolean bareFirst = round % 2 == 1;
        double[] bare = bareFirst ? timedBare(server, requests) : null;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        RunManifest m = run(recipe, seeds, server, work.resolve("instant-" + round));
        double runner = m.counts().requests() / ((System.nanoTime() - t0) / 1e9);
        long runnerCpu = processCpuNanos() - cpu0;
        if (!bareFirst) {
          bare = timedBare(server, requests);
        }
        ratios.add(runner / bare[0]);
        // CPU per request of this process alone (the teacher runs in its own JVM) tells whether
        // the gap is work or waiting: on saturated cores throughput is cores / CPU per request.
        System.out.printf(Locale.ROOT,
            "instant round %d (%s first): bare ChatModel loop %.1f req/s (%.0f us CPU/req);"
                + " GenerationRun %.1f req/s (%.0f us CPU/req, %d records); ratio %.3f%n",
            round, bareFirst ? "bare loop" : "runner", bare[0], bare[1] / 1e3 / n, runner,
            runnerCpu / 1e3 / n, m.counts().records(), runner / bare[0]);
      }
      ratios.sort(null);
      System.out.printf(Locale.ROOT, "instant: median ratio of 4 rounds %.3f%n",
          (ratios.get(1) + ratios.get(2)) / 2);
    }
  }

  /** The bare loop's requests per second and the process CPU nanoseconds it took. */
  private static double[] timedBare(TeacherProcess server, List<ChatRequest> requests)
      throws Exception {
    long cpu0 = processCpuNanos();
    double rate = bareLoop(server, requests);
    return new double[] {rate, processCpuNanos() - cpu0};
  }

  /**
   * What the runner sends for each seed, as plain LangChain4j requests: the recipe's rendered
   * messages and its sampling, so the bare loop differs from the runner only in the runner's own
   * work (rendering aside, which is done here before the clock starts).
   */
  private static List<ChatRequest> bareRequests(Path recipe, Path seeds) throws IOException {
    Recipe r = RecipeLoader.load(recipe).recipe();
    PromptRenderer renderer = new PromptRenderer(r);
    Sampling s = r.samplingParameters();
    List<ChatRequest> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(seeds);
    for (int i = 0; i < lines.size(); i++) {
      Seed seed = new Seed(Map.of("passage", lines.get(i)), new SourceLocation(seeds, i + 1));
      for (RenderedPrompt p : renderer.render(seed)) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatTurn t : p.messages()) {
          messages.add(t.role() == ChatTurn.Role.SYSTEM ? SystemMessage.from(t.text())
              : UserMessage.from(t.text()));
        }
        out.add(ChatRequest.builder().messages(messages)
            .parameters(OpenAiChatRequestParameters.builder().temperature(s.temperature())
                .topP(s.topP()).maxOutputTokens(s.maxTokens())
                .seed(s.seed() == null ? null : s.seed().intValue()).build())
            .build());
      }
    }
    return out;
  }

  private static void memory(Path recipe, Path work, int n) throws Exception {
    try (TeacherProcess server = new TeacherProcess(0, CONCURRENCY * 2)) {
      Path seeds = seeds(work, n);
      long t0 = System.nanoTime();
      RunManifest m = run(recipe, seeds, server, work.resolve("memory"));
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT,
          "memory: %d seeds -> %d requests, %d records, status %s in %.1f s (%.0f req/s)"
              + " within a max heap of %d MiB%n",
          m.counts().seeds(), m.counts().requests(), m.counts().records(), m.status(), s,
          m.counts().requests() / s, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static void rerun(Path recipe, Path work, int n) throws Exception {
    for (long delay : new long[] {100, 0}) {
      try (TeacherProcess server = new TeacherProcess(delay, CONCURRENCY * 2)) {
        Path seeds = seeds(work, n);
        warmUp(recipe, work, server);
        Path out = work.resolve("rerun-" + delay);
        long t0 = System.nanoTime();
        RunManifest first = run(recipe, seeds, server, out);
        double firstS = (System.nanoTime() - t0) / 1e9;
        long before = server.requests();
        t0 = System.nanoTime();
        RunManifest again = run(recipe, seeds, server, out);
        double againS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT,
            "rerun (server delay %d ms): first run %d requests in %.3f s; rerun %.3f s, %d requests"
                + " sent (server saw %d), %d resumed; speed-up %.1fx%n",
            delay, first.counts().requests(), firstS, againS, again.teacherCalls().requestsSent(),
            server.requests() - before, again.counts().resumedRequests(), firstS / againS);
      }
    }
  }

  /** CONCURRENCY threads calling ChatModel.chat on {@code requests}, each once. */
  private static double bareLoop(TeacherProcess server, List<ChatRequest> requests)
      throws Exception {
    int n = requests.size();
    ChatModel model = new ChatModelFactory(env -> null).chatModel(config(server));
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < CONCURRENCY; t++) {
      fs.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < n) {
          // The JDK test server now and then drops a kept-alive connection as a request
          // arrives ("header parser received no bytes"); the bare loop has no retry layer, so
          // it repeats such a call itself rather than end the benchmark.
          for (int attempt = 1; ; attempt++) {
            try {
              model.chat(requests.get(i));
              break;
            } catch (RuntimeException e) {
              if (attempt == 3) {
                throw e;
              }
            }
          }
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    double rate = n / ((System.nanoTime() - t0) / 1e9);
    pool.shutdown();
    return rate;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static RunManifest run(Path recipe, Path seeds, TeacherProcess server, Path out) {
    GenerationSettings s = new GenerationSettings(RecipeLoader.load(recipe), seeds,
        FieldMapping.parse(List.of("passage=0")), config(server),
        new RunnerSettings(CONCURRENCY, 0, 0, RetryPolicy.defaults()), out, null, 0);
    return new GenerationRun(s, new ChatModelFactory(env -> null).teacher(s.teacher()), null).run();
  }

  private static void warmUp(Path recipe, Path work, TeacherProcess server) throws IOException {
    Path seeds = work.resolve("warmup.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add("Warm-up passage " + i + " about nothing in particular.");
    }
    Files.write(seeds, lines);
    run(recipe, seeds, server, work.resolve("warmup-" + System.nanoTime()));
  }

  private static TeacherConfig config(TeacherProcess server) {
    return new TeacherConfig("openai", "bench", server.baseUrl(), null, 30.0);
  }

  private static Path seeds(Path work, int n) throws IOException {
    Path f = work.resolve("seeds-" + n + ".txt");
    if (!Files.exists(f)) {
      List<String> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        lines.add("Passage " + i + ": the river rises in the hills, runs " + (i % 97)
            + " miles to the sea, and floods every spring.");
      }
      Files.write(f, lines);
    }
    return f;
  }
}
