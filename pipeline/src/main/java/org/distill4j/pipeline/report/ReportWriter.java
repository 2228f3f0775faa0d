package org.distill4j.pipeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.CorpusStats;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.filtering.diversity.DiversityReport;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.training.train.EpochMetrics;

/**
 * Writes a run's {@code report.html}: the generation tally and token cost, the filter funnel,
 * score histograms with their thresholds, counts per kind and relation, diversity, and the
 * training curves. One self-contained page; sections of stages that have not run say so.
 */
public final class ReportWriter {
  private static final int HISTOGRAM_BINS = 20;
  private final ObjectMapper json = CorpusJson.json();

  /** Builds the page and writes it to {@code out}; returns the page. */
  public String write(ReportInputs in, Path out) {
    String html = render(in);
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(out.getFileName() + ".tmp");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      // Replace atomically so an open browser tab never sees half a page.
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    return html;
  }

  /** Builds the page. */
  public String render(ReportInputs in) {
    HtmlPage page = new HtmlPage(in.title());
    generation(page, in);
    funnel(page, in);
    Path corpus = ReportInputs.present(in.kept()) ? in.kept() : in.generated();
    corpus(page, corpus);
    scores(page, in);
    training(page, in);
    return page.render();
  }

  private void generation(HtmlPage page, ReportInputs in) {
    page.heading("Generation");
    if (!ReportInputs.present(in.manifest())) {
      page.note("Generation has not run (no manifest.json).");
      return;
    }
    RunManifest m = read(in.manifest(), RunManifest.class);
    RunManifest.Counts c = m.counts();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("status", String.valueOf(m.status())));
    rows.add(List.of("teacher", m.teacher() == null ? "unknown"
        : m.teacher().provider() + " / " + m.teacher().model()));
    if (m.recipe() != null) {
      rows.add(List.of("recipe", m.recipe().id() + " v" + m.recipe().version()));
    }
    if (c != null) {
      rows.add(List.of("seeds", fmt(c.seeds())));
      rows.add(List.of("seeds unusable", fmt(c.seedFailures())));
      rows.add(List.of("requests", fmt(c.requests())));
      rows.add(List.of("requests with records", fmt(c.requestsOk())));
      rows.add(List.of("requests failed (failures.jsonl)", fmt(c.requestsFailed())));
      if (c.requestsSkipped() > 0) {
        rows.add(List.of("requests skipped (not sent: the run stopped)",
            fmt(c.requestsSkipped())));
      }
      rows.add(List.of("records written", fmt(c.records())));
    }
    if (m.teacherCalls() != null) {
      rows.add(List.of("HTTP requests sent (this invocation)", fmt(m.teacherCalls()
          .requestsSent())));
      rows.add(List.of("retries", fmt(m.teacherCalls().retries())));
      rows.add(List.of("answered from the reply cache", fmt(m.teacherCalls().cacheHits())));
    }
    if (m.wallSeconds() != null) {
      rows.add(List.of("wall time (s)", String.format("%.1f", m.wallSeconds())));
    }
    page.table(List.of("", "value"), rows);
    CostSection.render(page, in.manifest(), m, in.prices());
    if (c != null) {
      Map<String, Long> outcome = new LinkedHashMap<>();
      outcome.put("requests", c.requests());
      outcome.put("with records", c.requestsOk());
      outcome.put("failed", c.requestsFailed());
      if (c.requestsSkipped() > 0) {
        outcome.put("skipped", c.requestsSkipped());
      }
      page.image(Charts.bars("Where every request ended", "requests", outcome));
    }
  }

  private void funnel(HtmlPage page, ReportInputs in) {
    page.heading("Filter funnel");
    if (!ReportInputs.present(in.funnel())) {
      page.note("Filtering has not run (no funnel.json).");
      return;
    }
    Funnel f = read(in.funnel(), Funnel.class);
    Map<String, Long> bars = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    bars.put("input", f.input());
    rows.add(List.of("input", "", fmt(f.input()), fmt(f.input())));
    for (Funnel.StageCount s : f.stages()) {
      bars.put(s.name(), s.out());
      rows.add(List.of(s.name(), s.type(), fmt(s.in()), fmt(s.out())));
    }
    page.table(List.of("stage", "type", "in", "out"), rows);
    page.paragraph(fmt(f.kept()) + " kept, " + fmt(f.rejected()) + " rejected (each with its"
        + " reason in rejected.jsonl), " + fmt(f.invalidLines()) + " unreadable lines.");
    page.image(Charts.bars("Records left after each stage", "records", bars));
  }

  private void corpus(HtmlPage page, Path corpus) {
    page.heading("Knowledge by kind and relation");
    if (!ReportInputs.present(corpus)) {
      page.note("No corpus yet.");
      return;
    }
    CorpusStats stats = new CorpusStats();
    forEachRecord(corpus, stats::add);
    CorpusStats.Summary s = stats.summary();
    page.paragraph("From " + corpus.getFileName() + ": " + fmt(s.records()) + " records, "
        + fmt(s.distinct()) + " distinct.");
    Map<String, Long> perRelation = new TreeMap<>();
    s.perRelation().forEach((kind, rels) -> rels.forEach((rel, n) ->
        perRelation.put(kind.equals(rel) ? kind : kind + " / " + rel, n)));
    List<List<String>> rows = new ArrayList<>();
    perRelation.forEach((k, n) -> rows.add(List.of(k, fmt(n))));
    page.table(List.of("kind / relation", "records"), rows);
    if (!perRelation.isEmpty()) {
      page.image(Charts.bars("Records per kind and relation", "records", perRelation));
    }
    DiversityReport d;
    // A second pass, so memory stays bounded by the diversity counters, not the corpus.
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(corpus, CorpusRecord.class);
        var records = r.records(bad -> { })) {
      d = DiversityReport.of(records.iterator());
    }
    List<List<String>> div = new ArrayList<>();
    div.add(diversityRow("all", d.overall()));
    d.byRelation().forEach((rel, slice) -> div.add(diversityRow(rel, slice)));
    page.heading("Diversity");
    page.table(List.of("relation", "items", "unique ratio", "distinct-1", "distinct-2"), div);
  }

  private static List<String> diversityRow(String name, DiversityReport.Slice s) {
    return List.of(name, fmt(s.items()), String.format("%.3f", s.uniqueRatio()),
        String.format("%.3f", s.distinct1()), String.format("%.3f", s.distinct2()));
  }

  private void scores(HtmlPage page, ReportInputs in) {
    Map<String, List<Double>> values = new TreeMap<>();
    for (Path file : new Path[] {in.kept(), in.rejected()}) {
      if (ReportInputs.present(file)) {
        forEachRecord(file, r -> r.scores().forEach((name, v) ->
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(v)));
      }
    }
    page.heading("Critic scores");
    if (values.isEmpty()) {
      page.note("No record carries a score (no critic or judge in the filter chain).");
      return;
    }
    values.forEach((name, list) -> {
      double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
      Double threshold = in.thresholds().get(name);
      page.image(Charts.histogram("Score \"" + name + "\" over kept and rejected records",
          name, v, HISTOGRAM_BINS, threshold));
      if (threshold == null) {
        page.note("No threshold recorded for \"" + name + "\".");
      }
    });
  }

  private void training(HtmlPage page, ReportInputs in) {
    page.heading("Training");
    if (!ReportInputs.present(in.metrics())) {
      page.note("Training has not run (no metrics.jsonl).");
      return;
    }
    List<EpochMetrics> epochs = new ArrayList<>();
    try (JsonLinesReader<EpochMetrics> r = JsonLinesReader.open(in.metrics(),
        EpochMetrics.class)) {
      r.forEach(epochs::add);
    }
    if (epochs.isEmpty()) {
      page.note("metrics.jsonl is empty: no epoch has finished yet.");
      return;
    }
    Map<String, List<double[]>> loss = new LinkedHashMap<>();
    loss.put("train loss", new ArrayList<>());
    loss.put("dev loss", new ArrayList<>());
    Map<String, List<double[]>> metric = new LinkedHashMap<>();
    String metricName = epochs.get(0).metric();
    metric.put("dev " + metricName, new ArrayList<>());
    List<List<String>> rows = new ArrayList<>();
    for (EpochMetrics e : epochs) {
      loss.get("train loss").add(new double[] {e.epoch(), e.loss()});
      loss.get("dev loss").add(new double[] {e.epoch(), e.devLoss()});
      metric.get("dev " + metricName).add(new double[] {e.epoch(), e.devMetric()});
      rows.add(List.of(Integer.toString(e.epoch()), String.format("%.4f", e.loss()),
          String.format("%.4f", e.devLoss()), String.format("%.4f", e.devMetric()),
          String.format("%.0f", e.tokensPerSecond())));
    }
    page.table(List.of("epoch", "loss", "dev loss", "dev " + metricName, "tokens/s"), rows);
    page.image(Charts.lines("Loss per epoch", "epoch", "loss", loss));
    page.image(Charts.lines("Dev " + metricName + " per epoch", "epoch", metricName, metric));
  }

  private void forEachRecord(Path file, java.util.function.Consumer<CorpusRecord> action) {
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      Iterator<ParsedLine<CorpusRecord>> lines = r.lines();
      while (lines.hasNext()) {
        // The report describes what is readable; `distill corpus validate` lists the rest.
        if (lines.next() instanceof ParsedLine.Good<CorpusRecord> good) {
          action.accept(good.value());
        }
      }
    }
  }

  private <T> T read(Path file, Class<T> type) {
    try {
      return json.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String fmt(long n) {
    return String.format("%,d", n);
  }
}
