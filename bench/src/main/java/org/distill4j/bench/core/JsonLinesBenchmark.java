package org.distill4j.bench.core;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.AtomicRelation;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JSON Lines throughput of core's reader and writer against plain Jackson line by line (a
 * BufferedReader/Writer and an ObjectReader/Writer), on the same corpus records in the same
 * JVM. The candidate adds line numbers, per-line error capture, torn-line detection and
 * locking; this measures what those cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class JsonLinesBenchmark {
  static final int RECORDS = 50_000;

  @Param({"jackson-lines", "distill4j"})
  public String impl;

  private Path dir;
  private Path input;
  private List<CorpusRecord> records;
  private final ObjectReader reader = CorpusJson.json().readerFor(CorpusRecord.class);
  private final ObjectWriter writer = CorpusJson.json().writer();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("jsonl-bench");
    input = dir.resolve("in.jsonl");
    records = corpus(RECORDS);
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(input)) {
      records.forEach(w::write);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** Records read per second. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long read() throws IOException {
    if (impl.equals("distill4j")) {
      try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(input, CorpusRecord.class);
          Stream<CorpusRecord> s = r.records(BadLinePolicy.failFast())) {
        return s.count();
      }
    }
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          CorpusRecord rec = reader.readValue(line);
          n += rec == null ? 0 : 1;
        }
      }
    }
    return n;
  }

  /** Records written per second. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long write() throws IOException {
    Path out = dir.resolve("out-" + impl + ".jsonl");
    if (impl.equals("distill4j")) {
      try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(out)) {
        records.forEach(w::write);
      }
      return Files.size(out);
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (CorpusRecord rec : records) {
        w.write(writer.writeValueAsString(rec));
        w.newLine();
      }
    }
    return Files.size(out);
  }

  static List<CorpusRecord> corpus(int n) {
    List<CorpusRecord> out = new ArrayList<>(n);
    Provenance prov = Provenance.builder().runId("bench").teacherProvider("openai")
        .teacherModel("teacher-70b").recipeId("commonsense").recipeVersion("1")
        .sampling(new Sampling(1, 0.9, 0.95, 64, 7L)).sampleIndex(0)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    List<String> rels = AtomicRelation.ATOMIC_2019;
    for (int i = 0; i < n; i++) {
      out.add(CorpusRecord.of(new CommonsenseTriple("PersonX does thing number " + i,
          rels.get(i % rels.size()), "an inference about event " + i + " and its outcome"), prov)
          .withScore("critic", (i % 100) / 100.0));
    }
    return out;
  }

  /** Runs this benchmark alone: {@code java -cp ... org.distill4j.bench.core.JsonLinesBenchmark}. */
  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(JsonLinesBenchmark.class.getSimpleName()).build())
        .run();
  }
}
