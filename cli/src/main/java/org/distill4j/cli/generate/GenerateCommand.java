package org.distill4j.cli.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.cli.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.SeedFormat;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunLedger;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distill generate}: asks a teacher for knowledge, seed by seed, through a recipe. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = {
      "Ask a teacher LLM for knowledge: every seed is rendered through the recipe's templates"
          + " (once per expansion entry, e.g. per ATOMIC relation), sent as N sample requests,"
          + " and the replies are parsed into records.",
      "",
      "Writes OUT/generated.jsonl (records with provenance), OUT/failures.jsonl (every seed,"
          + " request or reply fragment that gave no record, with the reason and raw text),"
          + " OUT/manifest.json (config without secrets, counts, tokens, retries, time) and"
          + " OUT/cache/ (every reply, stored before parsing).",
      "",
      "Running the same command again resumes: finished work is skipped, cached replies are"
          + " re-used, nothing is written twice, and nothing is sent twice but, after a kill, the"
          + " requests that were in flight (at most --concurrency). Changing the recipe's parsing"
          + " re-parses cached replies; raising max_tokens re-sends only replies cut at the old"
          + " limit, lowering it only complete replies longer than the new one, and restoring it"
          + " re-sends nothing.",
      "",
      "OUT/ledger.jsonl keeps what every invocation sent and the tokens it used (checkpointed"
          + " every second, so a kill -9 loses at most a second of it); manifest.json shows this"
          + " invocation and the totals.",
      "",
      "One process per run folder: a second command on the same --out exits 1 at once, naming"
          + " the first one's PID; a folder left by a killed process is simply taken over. The"
          + " seeds, recipe and teacher settings are checked before anything in --out is created"
          + " or moved. A teacher that refuses the key (401/403) stops the run (exit 1) after the"
          + " requests in flight; the run resumes once the key is fixed. The key is masked in"
          + " everything written or printed, even where the server echoes it."
    },
    footer = {
      "",
      "Examples:",
      "  distill generate --recipe prompts/commonsense-atomic.yaml --seeds events.txt \\",
      "      --field event=0 --teacher ollama --model llama3.2 --out runs/atomic --dry-run",
      "  distill generate --recipe prompts/qa-from-passage.yaml --seeds passages.jsonl \\",
      "      --teacher openai --base-url http://localhost:8000/v1 --model Qwen2.5-7B-Instruct \\",
      "      --out runs/qa --concurrency 32",
      "  OPENAI_API_KEY=... distill generate --config teacher.yaml --recipe prompts/rationale.yaml \\",
      "      --seeds cqa.jsonl --out runs/cqa --rpm 500 --tpm 200000",
      "",
      "A teacher config file (--config) is YAML: provider, model, base_url, api_key_env,"
          + " timeout_seconds; flags override it. The API key is read from the environment"
          + " variable it names and is never written anywhere.",
      "",
      "Exit status: 0 when the run completed (per-record failures are in failures.jsonl),"
          + " 1 when it failed or the teacher is unreachable, 2 for bad input."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--recipe", required = true, paramLabel = "FILE",
      description = "Recipe YAML (see prompts/README.md), e.g. prompts/commonsense-atomic.yaml.")
  Path recipe;

  @Option(names = "--seeds", required = true, paramLabel = "FILE",
      description = "Seed file: .txt (one per line), .jsonl, .csv or .tsv with a header.")
  Path seeds;

  @Option(names = "--seed-format", paramLabel = "FORMAT",
      description = "Seed file format when the extension does not say: text, jsonl, csv, tsv;"
          + " csv-no-header or tsv-no-header for tables without a header row (columns are then"
          + " named 0, 1, ...).")
  String seedFormat;

  @Option(names = "--field", paramLabel = "NAME=SOURCE",
      description = "Map a seed column or key to a recipe input, e.g. event=0 or passage=text."
          + " Repeatable; without it the source's own names are used.")
  List<String> fields = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Teacher config YAML.")
  Path config;

  @Option(names = "--teacher", paramLabel = "PROVIDER",
      completionCandidates = org.distill4j.teacher.Providers.class,
      description = "One of: ${COMPLETION-CANDIDATES} (openai: any OpenAI-compatible server).")
  String teacher;

  @Option(names = "--model", paramLabel = "NAME", description = "Model name sent to the server.")
  String model;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Server URL, e.g. http://localhost:8000/v1; the provider's default if unset.")
  String baseUrl;

  @Option(names = "--api-key-env", paramLabel = "VAR",
      description = "Environment variable holding the API key (default per provider, e.g."
          + " OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder.")
  Path outDir;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Reply cache folder, to share replies between runs (default OUT/cache).")
  Path cache;

  @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Requests in flight at most.")
  int concurrency;

  @Option(names = "--samples", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Samples per prompt, overriding the recipe's sampling.n.")
  Integer samples;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      converter = OptionRanges.ZeroOrMore.class,
      description = "Use only the first N seed rows (0 = all).")
  long limit;

  @Option(names = "--rpm", defaultValue = "0", paramLabel = "N",
      converter = OptionRanges.ZeroOrAbove.class,
      description = "Requests per minute at most (0 = no limit).")
  double rpm;

  @Option(names = "--tpm", defaultValue = "0", paramLabel = "N",
      converter = OptionRanges.ZeroOrAbove.class,
      description = "Tokens per minute at most, prompt + reply (0 = no limit).")
  double tpm;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      converter = OptionRanges.AboveZero.class,
      description = "Per-request deadline in seconds (default 60, or the config's).")
  Double timeout;

  @Option(names = "--max-attempts", defaultValue = "6", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Attempts per request on 429, 5xx, timeouts and broken connections.")
  int maxAttempts;

  @Option(names = "--dry-run",
      description = "Print the first rendered prompts and the request count; send nothing.")
  boolean dryRun;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
      description = "auto (a bar on a terminal, else a line every few seconds), bar, lines, none.")
  String progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (concurrency < 1) {
      throw new InputException("--concurrency must be at least 1, found " + concurrency);
    }
    if (maxAttempts < 1) {
      throw new InputException("--max-attempts must be at least 1, found " + maxAttempts);
    }
    RecipeLoader.LoadedRecipe loaded = RecipeLoader.load(recipe);
    if (samples != null) {
      if (samples < 1) {
        throw new InputException("--samples must be at least 1, found " + samples);
      }
      loaded = RecipeLoader.withSamples(loaded, samples);
    }
    TeacherConfig teacherConfig = (config == null ? TeacherConfig.empty() : TeacherConfig.load(config))
        .withOverrides(teacher, model, baseUrl, apiKeyEnv, timeout);
    RunnerSettings runner = new RunnerSettings(concurrency, rpm, tpm, new RetryPolicy(maxAttempts,
        Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    GenerationSettings settings = new GenerationSettings(loaded, seeds, FieldMapping.parse(fields),
        teacherConfig, runner, outDir, cache, limit,
        seedFormat == null ? null : SeedFormat.parse(seedFormat));
    // The seed file is checked (exists, has rows, has the recipe's columns) before the teacher is
    // probed or anything in --out is touched.
    settings.openSeeds().close();

    if (dryRun) {
      return dryRun(settings, out);
    }
    Teacher built = new ChatModelFactory().teacher(teacherConfig);
    try {
      new TeacherProbe(3000).check(teacherConfig);
    } catch (TeacherProbe.TeacherUnreachableException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    RunManifest m;
    try (ProgressDisplay display = ProgressDisplay.choose(progress, err)) {
      m = new GenerationRun(settings, built, display).run();
    }
    RunManifest.Counts c = m.counts();
    out.printf("%s: %d seeds (%d unusable) -> %d requests: %d ok, %d failed (%d resumed);"
            + " %d records%n", m.status(), c.seeds(), c.seedFailures(), c.requests(),
        c.requestsOk(), c.requestsFailed(), c.resumedRequests(), c.records());
    RunManifest.Calls calls = m.teacherCalls();
    out.printf("teacher: %d requests sent, %d retries, %d from cache; tokens in/out %s/%s%n",
        calls.requestsSent(), calls.retries(), calls.cacheHits(),
        m.tokens().input() == null ? "unknown" : m.tokens().input(),
        m.tokens().output() == null ? "unknown" : m.tokens().output());
    RunLedger.Totals all = m.allInvocations();
    if (all != null && all.invocations() > 1) {
      out.printf("all %d invocations of this run: %d requests sent, %d retries; tokens in/out"
              + " %s/%s (see %s)%n", all.invocations(), all.requestsSent(), all.retries(),
          all.inputTokens() == null ? "unknown" : all.inputTokens(),
          all.outputTokens() == null ? "unknown" : all.outputTokens(),
          outDir.resolve(RunLedger.FILE));
    }
    if (m.notes() != null) {
      m.notes().forEach(note -> err.println("note: " + note));
    }
    if (!m.failuresByCategory().isEmpty()) {
      out.println("failures by category: " + m.failuresByCategory() + " (see "
          + outDir.resolve("failures.jsonl") + ")");
    }
    out.println("records: " + outDir.resolve("generated.jsonl"));
    return 0;
  }

  private int dryRun(GenerationSettings settings, PrintWriter out) {
    GenerationRun.DryRun dry = new GenerationRun(settings, null, null).dryRun(3);
    for (RenderedPrompt p : dry.firstPrompts()) {
      out.println("--- " + p.seed().source() + (p.variables().isEmpty() ? "" : " " + p.variables()));
      for (ChatTurn t : p.messages()) {
        out.println("[" + t.role().name().toLowerCase(java.util.Locale.ROOT) + "]");
        out.println(t.text().strip());
      }
    }
    out.printf("dry run: %d seeds (%d unusable) -> %d requests; nothing was sent%n",
        dry.seeds(), dry.badSeeds(), dry.requests());
    return 0;
  }
}
