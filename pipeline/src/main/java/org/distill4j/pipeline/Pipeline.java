package org.distill4j.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.generation.Generation;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.pipeline.report.ReportInputs;
import org.distill4j.pipeline.report.ReportWriter;
import org.distill4j.teacher.price.PriceTable;

/**
 * The whole job, teacher to student: generate → filter → kb → train, then {@code report.html}.
 * Each configured stage runs in order; a stage that already finished with the same inputs (and
 * the same upstream) is skipped, so a rerun after a crash continues where the run stopped. The
 * report is written at the end, and also when a stage fails, with whatever exists by then.
 */
public final class Pipeline {
  private final PipelineConfig config;
  private final PipelineListener listener;
  private final ProgressListener progress;
  private final Consumer<String> log;

  public Pipeline(PipelineConfig config, PipelineListener listener, ProgressListener progress,
      Consumer<String> log) {
    this.config = config;
    this.listener = listener;
    this.progress = progress;
    this.log = log;
  }

  /** The run folder's layout: one folder per stage under the run, file names from each stage. */
  public record RunLayout(Path dir) {
    public Path generated() {
      return new Generation.Outputs(dir).generated();
    }

    public Path manifest() {
      return new Generation.Outputs(dir).manifest();
    }

    public Path filtered() {
      return dir.resolve("filtered");
    }

    public Path kept() {
      return filtered().resolve(FilterOutputs.KEPT);
    }

    public Path kb() {
      return dir.resolve("kb");
    }

    public Path train() {
      return dir.resolve("train");
    }

    public Path report() {
      return dir.resolve("report.html");
    }
  }

  /** The stages this config asks for, in pipeline order. */
  public List<PipelineStage> stages() {
    RunLayout run = new RunLayout(config.runDir());
    List<PipelineStage> stages = new ArrayList<>();
    if (config.generate() != null) {
      stages.add(new GenerateStage(config.teacher(), config.generate(), config.prices(),
          run.dir(), progress));
    }
    if (config.filter() != null) {
      stages.add(new FilterStage(config.filter(), run.generated(), run.filtered()));
    }
    if (config.kb() != null) {
      stages.add(new KnowledgeBaseStage(config.kb(), corpusFor(run), run.kb(), log));
    }
    if (config.train() != null) {
      stages.add(new TrainStage(config.train(), corpusFor(run), run.train(), run.kb(), log));
    }
    return stages;
  }

  /** Runs every stage not yet done, then writes the report; returns the run folder. */
  public RunLayout run() {
    RunLayout run = new RunLayout(config.runDir());
    // The whole run folder for the whole run: a second `distill run` on it exits at once. The
    // generate stage locks the same folder again, which a process may (the lock is re-entrant).
    try (FolderLock lock = FolderLock.acquire(run.dir())) {
      return runLocked(run);
    }
  }

  private RunLayout runLocked(RunLayout run) {
    PipelineState state = PipelineState.load(run.dir());
    // Each fingerprint covers the stages before it: a changed recipe reruns filter, kb, train.
    String upstream = "";
    try {
      for (PipelineStage stage : stages()) {
        String fingerprint = new Fingerprint().add(upstream).add(stage.fingerprint()).hex();
        upstream = fingerprint;
        if (state.isDone(stage.name(), fingerprint)) {
          listener.skipped(stage.name());
          continue;
        }
        state.forget(stage.name());
        listener.started(stage.name());
        long start = System.nanoTime();
        stage.run();
        state.markDone(stage.name(), fingerprint);
        listener.finished(stage.name(), (System.nanoTime() - start) / 1e9);
      }
    } catch (RuntimeException e) {
      try {
        writeReport(run);
      } catch (RuntimeException reportFailure) {
        e.addSuppressed(reportFailure);
      }
      throw e;
    }
    writeReport(run);
    return run;
  }

  private void writeReport(RunLayout run) {
    ReportInputs inputs = new ReportInputs(config.name(), run.manifest(), run.generated(),
        run.filtered().resolve(FilterOutputs.FUNNEL), run.kept(),
        run.filtered().resolve(FilterOutputs.REJECTED), run.train().resolve("metrics.jsonl"),
        PriceTable.withUserFile(config.prices()), thresholds());
    new ReportWriter().write(inputs, run.report());
  }

  /** The filter chain's cut-offs, drawn on the score histograms. */
  private Map<String, Double> thresholds() {
    if (config.filter() == null) {
      return Map.of();
    }
    try {
      return ChainConfig.read(config.filter().chain()).thresholds();
    } catch (RuntimeException unreadable) {
      // The filter stage reports a broken chain itself; the report just goes without lines.
      return Map.of();
    }
  }

  /** Without a filter stage, later stages take the generated records as they are. */
  private Path corpusFor(RunLayout run) {
    return config.filter() != null ? run.kept() : run.generated();
  }
}
