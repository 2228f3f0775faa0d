package org.distill4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill4j.cli.generate.ProgressDisplay;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.teacher.TeacherProbe;
import org.distill4j.pipeline.Pipeline;
import org.distill4j.pipeline.PipelineConfig;
import org.distill4j.pipeline.PipelineInputs;
import org.distill4j.pipeline.PipelineListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a whole pipeline from one YAML file, resuming where an earlier run stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a pipeline: generate -> filter -> kb -> train, each stage optional, then write"
          + " RUN/report.html. A stage that already finished with the same settings and inputs"
          + " is skipped, so after a crash the same command continues where it stopped; teacher"
          + " replies are cached, so nothing is paid for twice.",
      "",
      "Outputs (RUN is the pipeline's run_dir, runs/NAME by default): "
          + GenerationFiles.MANIFEST + ", " + GenerationFiles.GENERATED + ", "
          + GenerationFiles.FAILURES + ", " + GenerationFiles.CACHE + "/,"
          + " filtered/{kept,rejected}.jsonl and"
          + " funnel.json, kb/, train/ (checkpoints, metrics.jsonl), report.html.",
      "",
      "One process per run folder: a second command on it exits 1 at once, naming the first"
          + " one's PID. The report's token cost adds up every invocation of the run"
          + " (RUN/" + GenerationFiles.LEDGER + "), resumes included, beside what each"
          + " invocation was projected to cost; token prices come from the shipped table and"
          + " the pipeline's prices: file (an unknown price shows as unknown, never 0).",
      "",
      "Exit status: 0 when every stage finished, 1 when one failed or the teacher is"
          + " unreachable, 2 for bad input, 3 when the generate stage stopped at"
          + " generate.max_cost (later stages do not run; the same pipeline with a higher limit"
          + " continues)."
    },
    footer = {
      "",
      "Examples:",
      "  distill run pipelines/commonsense.yaml                       (Ollama on localhost)",
      "  OPENAI_API_KEY=... distill run pipelines/comparatives.yaml",
      "",
      "The teacher is yours: start Ollama (`ollama serve`, then `ollama pull llama3.2`) or point"
          + " the pipeline's teacher.base_url at any OpenAI-compatible server (vLLM, llama.cpp,"
          + " LM Studio)."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PIPELINE", description = "The pipeline YAML file.")
  Path pipelineFile;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
      description = "Generation progress: auto (a bar on a terminal, else a line every few"
          + " seconds), bar, lines, none.")
  String progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineConfig config = PipelineConfig.read(pipelineFile);
    PipelineInputs.check(config);
    ProgressDisplay display = ProgressDisplay.choose(progress, err);
    boolean[] displayClosed = {false};
    PipelineListener listener = new PipelineListener() {
      @Override
      public void started(String stage) {
        out.printf("== %s%n", stage);
        out.flush();
      }

      @Override
      public void skipped(String stage) {
        out.printf("== %s: already done with these inputs, skipped%n", stage);
        out.flush();
      }

      @Override
      public void finished(String stage, double seconds) {
        if (stage.equals("generate")) {
          // The progress display prints its last line on close: before the next stage, not after.
          display.close();
          displayClosed[0] = true;
        }
        out.printf(Locale.ROOT, "== %s: done in %.1f s%n", stage, seconds);
        out.flush();
      }
    };
    Pipeline.RunLayout run;
    try {
      run = new Pipeline(config, listener, display, line -> {
        err.println(line);
        err.flush();
      }).run();
    } catch (TeacherProbe.TeacherUnreachableException e) {
      // Expected when no teacher is running: say what to do, without a stack-trace hint.
      // The pipeline already names the setting by its YAML key; say which file holds it.
      err.println("error: " + e.getMessage() + " (pipeline file: " + pipelineFile + ")");
      err.flush();
      return 1;
    } finally {
      if (!displayClosed[0]) {
        display.close();
      }
    }
    out.println("report: " + run.report());
    return 0;
  }
}
