package org.distill4j.cli.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.ExitCodes;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.cli.options.SettingSpelling;
import org.distill4j.generation.Generation;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.generation.GenerationJob;
import org.distill4j.generation.run.SettingNames;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.run.GenerationStoppedException;
import org.distill4j.generation.run.RunLedger;
import org.distill4j.generation.run.RunManifest;
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
      "Writes OUT/" + GenerationFiles.GENERATED + " (records with provenance), OUT/"
          + GenerationFiles.FAILURES + " (every seed, request or reply fragment that gave no"
          + " record, with the reason and raw text), OUT/" + GenerationFiles.MANIFEST + " (config"
          + " without secrets, counts, tokens, retries, time) and OUT/" + GenerationFiles.CACHE
          + "/ (every reply, stored before parsing).",
      "",
      "Running the same command again resumes: finished work is skipped, cached replies are"
          + " re-used, nothing is written twice, and nothing is sent twice but, after a kill, the"
          + " requests that were in flight (at most --concurrency). Changing the recipe's parsing"
          + " re-parses cached replies; raising max_tokens re-sends only replies cut at the old"
          + " limit, lowering it only complete replies longer than the new one, and restoring it"
          + " re-sends nothing.",
      "",
      "OUT/" + GenerationFiles.LEDGER + " keeps what every invocation sent and the tokens it"
          + " used (checkpointed every second, so a kill -9 loses at most a second of it); "
          + GenerationFiles.MANIFEST + " shows this invocation and the totals.",
      "",
      "One process per run folder: a second command on the same --out exits 1 at once, naming"
          + " the first one's PID; a folder left by a killed process is simply taken over. The"
          + " seeds, recipe and teacher settings are checked before anything in --out is created"
          + " or moved. A teacher that refuses the key (401/403) stops the run (exit 1) after the"
          + " requests in flight; the run resumes once the key is fixed. The key is masked in"
          + " everything written or printed, even where the server echoes it.",
      "",
      "--batch sends the run through the teacher's batch API first, at about half the price"
          + " (openai: OpenAI's Batch API, or any OpenAI-compatible server that has /v1/batches,"
          + " such as vLLM; anthropic: Message Batches; other teachers are refused, exit 2)."
          + " Every request the reply cache lacks is submitted as jobs (50,000 requests or 200 MB"
          + " each at OpenAI, 100,000 or 256 MB at Anthropic), recorded in OUT/"
          + GenerationFiles.BATCHES + " before they are polled (every --batch-poll seconds;"
          + " jobs may take up to 24 hours), and their answers go into the reply cache. Then the"
          + " run goes on as without --batch: answered requests are cache hits (nothing sent),"
          + " and what the jobs left unanswered (errored, expired, canceled) and re-asks of"
          + " unusable replies are sent one by one, with the usual retries. The records are"
          + " those a run without --batch gives. Stopped while waiting, the same command picks"
          + " up the recorded jobs and submits nothing again. The manifest and ledger count the"
          + " batch's requests and tokens apart (batchRequests, batchTokensIn, batchTokensOut)"
          + " and price them at the model's batch price (batch_input/batch_output or the"
          + " table's batch_discount; the list price where the table gives neither).",
      "",
      "--max-cost with --batch: a submitted job cannot be stopped midway, so the limit is kept"
          + " before submitting. A prompt's samples are submitted only while their upper bound"
          + " (prompt tokens counted here, every reply max_tokens long, at the batch price) fits"
          + " what the limit leaves after the run's spend and the jobs still open; from the"
          + " first prompt that does not fit on, nothing more is submitted and nothing fresh is"
          + " sent one by one: those requests are counted as skipped (exit 3), and the same"
          + " command submits what then fits, the jobs' real cost (usually well under the"
          + " bound) known by then. Without a hold, what the jobs left unanswered is sent one by"
          + " one, stopped at the limit as usual. The recipe must set max_tokens (exit 2"
          + " otherwise).",
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
      "  ANTHROPIC_API_KEY=... distill generate --teacher anthropic --model claude-haiku-4-5 \\",
      "      --recipe prompts/qa-from-passage.yaml --seeds passages.jsonl --out runs/qa --batch",
      "",
      "A teacher config file (--config) is YAML: provider, model, base_url, api_key_env,"
          + " timeout_seconds; flags override it. The API key is read from the environment"
          + " variable it names and is never written anywhere.",
      "",
      "Cost: --dry-run prints the projected input tokens (counted with the model family's"
          + " tokenizer where there is one, else estimated, and says which), the output tokens"
          + " (at most max_tokens per request; typically what the cached replies averaged) and"
          + " the cost at the model's price; requests the reply cache answers cost nothing."
          + " Prices come from the shipped table (list prices of the date it names; they"
          + " change), extended and overridden by --prices FILE; a model without a price (e.g."
          + " a local vLLM or Ollama model) shows as unknown, never 0. With --batch the"
          + " requests to send are priced at the batch price; requests the jobs leave"
          + " unanswered, sent one by one at the list price, are not foreseen, nor are re-asks."
          + " The manifest and " + GenerationFiles.LEDGER + " record what each invocation spent"
          + " (batch answers at the batch price) beside its projection.",
      "",
      "Exit status: 0 when the run completed (per-record failures are in "
          + GenerationFiles.FAILURES + "),"
          + " 1 when it failed or the teacher is unreachable, 2 for bad input, 3 when it"
          + " stopped at --max-cost (what arrived is written, the requests not sent are counted"
          + " as skipped in the manifest; the same command with a higher --max-cost continues"
          + " and sends only what was not answered)."
    })
public final class GenerateCommand implements Callable<Integer>, SettingSpelling {
  /** The flag for each stage setting, so that errors name what the user typed. */
  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry(SettingNames.RECIPE, "--recipe"),
      Map.entry(SettingNames.SEEDS, "--seeds"),
      Map.entry(SettingNames.SEED_FORMAT, "--seed-format"),
      Map.entry(SettingNames.FIELDS, "--field"),
      Map.entry(SettingNames.OUT, "--out"),
      Map.entry(SettingNames.CACHE, "--cache"),
      Map.entry(SettingNames.CONCURRENCY, "--concurrency"),
      Map.entry(SettingNames.SAMPLES, "--samples"),
      Map.entry(SettingNames.LIMIT, "--limit"),
      Map.entry(SettingNames.RPM, "--rpm"),
      Map.entry(SettingNames.TPM, "--tpm"),
      Map.entry(SettingNames.MAX_ATTEMPTS, "--max-attempts"),
      Map.entry(SettingNames.BATCH, "--batch"),
      Map.entry(SettingNames.BATCH_POLL_SECONDS, "--batch-poll"),
      Map.entry(SettingNames.PROVIDER, "--teacher"),
      Map.entry(SettingNames.MODEL, "--model"),
      Map.entry(SettingNames.BASE_URL, "--base-url"),
      Map.entry(SettingNames.API_KEY_ENV, "--api-key-env"),
      Map.entry(SettingNames.TIMEOUT_SECONDS, "--timeout"),
      Map.entry(SettingNames.PRICES, "--prices"),
      Map.entry(SettingNames.MAX_COST, "--max-cost"),
      Map.entry(SettingNames.TOKENIZER, "--tokenizer"));

  /** Prompts a dry run prints. */
  private static final int DRY_RUN_PROMPTS = 3;

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
          + " Repeatable; without it the source's own names are used. A field mapped as id"
          + " (id=qid) is your own id: every record made from the seed carries it as externalId,"
          + " through filter, kb and export.")
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

  @Option(names = "--concurrency", defaultValue = "" + Generation.DEFAULT_CONCURRENCY, paramLabel = "N",
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

  @Option(names = "--max-attempts", defaultValue = "" + Generation.DEFAULT_MAX_ATTEMPTS, paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Attempts per request on 429, 5xx, timeouts and broken connections.")
  int maxAttempts;

  @Option(names = "--batch",
      description = "Submit the requests as batch jobs first (openai, anthropic), at about half"
          + " the price; what they leave unanswered is then sent one by one (see above).")
  boolean batch;

  @Option(names = "--batch-poll", defaultValue = "60", paramLabel = "SECONDS",
      converter = OptionRanges.ZeroOrAbove.class,
      description = "Seconds between polls of the batch jobs.")
  double batchPoll;

  @Option(names = "--dry-run",
      description = "Print the first rendered prompts, the request count and the projected"
          + " tokens and cost; send nothing.")
  boolean dryRun;

  @Option(names = "--prices", paramLabel = "FILE",
      description = "Price file (YAML, the format of the shipped prices.yaml) that adds to and"
          + " overrides the shipped token prices; e.g. to price a model the table lacks, or to"
          + " declare a local model free with input: 0, output: 0.")
  Path prices;

  @Option(names = "--max-cost", paramLabel = "AMOUNT",
      converter = OptionRanges.AboveZero.class,
      description = "Stop sending once the whole run (every invocation, from the ledger) has"
          + " spent this much, in the price's currency. Refused when the model's price is"
          + " unknown. Requests in flight at that moment finish, so the run may overshoot by"
          + " up to --concurrency requests. With --batch, batch jobs are submitted only as far"
          + " as their upper-bound cost fits (see above). Exit status 3; rerun with a higher"
          + " limit to continue.")
  Double maxCost;

  @Option(names = "--tokenizer", paramLabel = "PATH",
      description = "A Hugging Face tokenizer.json (or the model folder holding one) to count an"
          + " open model's prompt tokens with; without it OpenAI models are counted with their"
          + " own encoding and others estimated (characters / 4).")
  Path tokenizer;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
      description = "auto (a bar on a terminal, else a line every few seconds), bar, lines, none.")
  String progress;

  @Override
  public String spell(String setting) {
    return FLAGS.getOrDefault(setting, setting);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TeacherConfig teacherConfig = (config == null ? TeacherConfig.empty() : TeacherConfig.load(config))
        .withOverrides(teacher, model, baseUrl, apiKeyEnv, timeout);
    GenerationJob job = new GenerationJob(recipe, seeds, seedFormat, fields, teacherConfig, outDir,
        cache, concurrency, samples, limit, rpm, tpm, maxAttempts,
        new CostOptions(prices, maxCost, tokenizer), batch, batchPoll);
    Generation generation = new Generation();
    if (dryRun) {
      CostLines.dryRun(generation.dryRun(job, DRY_RUN_PROMPTS), out);
      return 0;
    }
    Generation.Ready ready;
    try {
      ready = generation.prepare(job);
    } catch (TeacherProbe.TeacherUnreachableException e) {
      // Expected when no teacher is running: say what to do, without a stack-trace hint.
      err.println("error: " + SettingSpelling.messageOf(e, this));
      return 1;
    }
    RunManifest m;
    try (ProgressDisplay display = ProgressDisplay.choose(progress, err)) {
      m = ready.run(display);
    }
    printSummary(m, out, err);
    if ("stopped".equals(m.status())) {
      err.println("stopped: " + new GenerationStoppedException(m).renderedAs(this::spell));
      return ExitCodes.STOPPED;
    }
    return 0;
  }

  private void printSummary(RunManifest m, PrintWriter out, PrintWriter err) {
    Generation.Outputs files = new Generation.Outputs(outDir);
    RunManifest.Counts c = m.counts();
    out.printf("%s: %d seeds (%d unusable) -> %d requests: %d ok, %d failed (%d resumed)%s;"
            + " %d records%n", m.status(), c.seeds(), c.seedFailures(), c.requests(),
        c.requestsOk(), c.requestsFailed(), c.resumedRequests(),
        c.requestsSkipped() > 0 ? ", " + c.requestsSkipped() + " skipped (not sent)" : "",
        c.records());
    RunManifest.Calls calls = m.teacherCalls();
    out.printf("teacher: %d requests sent, %d retries, %d from cache; tokens in/out %s/%s%n",
        calls.requestsSent(), calls.retries(), calls.cacheHits(),
        m.tokens().input() == null ? "unknown" : m.tokens().input(),
        m.tokens().output() == null ? "unknown" : m.tokens().output());
    RunManifest.BatchCalls b = m.batch();
    if (b != null) {
      out.printf("batch: %d jobs, %d requests submitted, %d answered, %d left unanswered%s;"
              + " tokens in/out %s/%s%n", b.jobs(), b.submitted(), b.batchRequests(),
          b.batchFailed(), b.heldBack() > 0 ? ", " + b.heldBack() + " held back by --max-cost"
              : "", b.batchTokensIn() == null ? "unknown" : b.batchTokensIn(),
          b.batchTokensOut() == null ? "unknown" : b.batchTokensOut());
    }
    RunLedger.Totals all = m.allInvocations();
    if (all != null && all.invocations() > 1) {
      out.printf("all %d invocations of this run: %d requests sent, %d retries; tokens in/out"
              + " %s/%s (see %s)%n", all.invocations(), all.requestsSent(), all.retries(),
          all.inputTokens() == null ? "unknown" : all.inputTokens(),
          all.outputTokens() == null ? "unknown" : all.outputTokens(), files.ledger());
    }
    CostLines.spent(m, out);
    if (m.notes() != null) {
      m.notes().forEach(note -> err.println("note: " + note));
    }
    if (!m.failuresByCategory().isEmpty()) {
      out.println("failures by category: " + m.failuresByCategory() + " (see "
          + files.failures() + ")");
    }
    out.println("records: " + files.generated());
  }

}
