package org.distill4j.bench.kb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.fuseki.main.FusekiServer;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.store.RecordGraph;

/**
 * {@code kb ingest --endpoint} into a Fuseki server with TDB2 datasets, against baselines in the
 * same process:
 *
 * <ol>
 *   <li>candidate: {@code Ingest.remote} of the file into an empty dataset, again (all
 *       unchanged), and with every record's score changed (all updated);
 *   <li>baseline: the local ingest ({@code Ingest.files}, no vectors: SHACL, TDB2, Lucene), the
 *       one-machine path, in the same three steps, each run just before its remote twin;
 *   <li>floor: the same records' triples POSTed as N-Triples (Graph Store Protocol), one request
 *       per batch, into an empty dataset: the server's own load speed, with no compare or delete;
 *   <li>the same triples as SPARQL {@code INSERT DATA}, one request per batch: why inserts go by
 *       the Graph Store Protocol.
 * </ol>
 *
 * <p>The server runs embedded in this JVM on 127.0.0.1 (Jena's {@code FusekiServer}, the code
 * {@code fuseki-server} runs), so process CPU time covers client and server. Everything first
 * runs once, untimed, on the first 2,000 records.
 *
 * <p>Usage: {@code RemoteIngestBenchmark ATOMIC_CSV WORK_DIR [records] [batch]}.
 */
public final class RemoteIngestBenchmark {
  private static final int WARM_UP = 2000;

  private RemoteIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[1]));
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : IngestJob.DEFAULT_BATCH;
    List<CorpusRecord> records = read(Path.of(args[0]), limit);
    Path corpus = write(work.resolve("corpus.jsonl"), records);
    Path rescored = write(work.resolve("rescored.jsonl"),
        records.stream().map(r -> r.withScore("bench", 0.5)).toList());
    Path warm = write(work.resolve("warm.jsonl"), records.subList(0, WARM_UP));
    IngestJob job = IngestJob.defaults().withBatchSize(batch).withVectors(false)
        .withRejects(work.resolve("rejected.jsonl"));
    List<String> names = List.of("warm", "warm-raw", "warm-upd", "kb", "raw", "upd");
    FusekiServer.Builder builder = FusekiServer.create().loopback(true).port(0);
    for (String name : names) {
      builder.add("/" + name, DatabaseMgr.connectDatasetGraph(
          Files.createDirectories(work.resolve("fuseki-" + name)).toString()), true);
    }
    FusekiServer server = builder.build().start();
    String base = "http://127.0.0.1:" + server.getHttpPort() + "/";
    try {
      Ingest.files(work.resolve("warm-kb"), List.of(warm), job);
      Ingest.remote(RemoteEndpoint.open(base + "warm"), List.of(warm), job);
      post(base + "warm-raw?default", records.subList(0, WARM_UP), batch, false);
      post(base + "warm-upd", records.subList(0, WARM_UP), batch, true);

      RemoteEndpoint endpoint = RemoteEndpoint.open(base + "kb");
      Path kbDir = work.resolve("kb");
      String[] scenarios = {"all new", "again, all unchanged", "every score changed"};
      Path[] files = {corpus, corpus, rescored};
      double firstLocal = 0;
      for (int i = 0; i < scenarios.length; i++) {
        List<Path> input = List.of(files[i]);
        double local = run("local Ingest.files, " + scenarios[i] + " [baseline]",
            records.size(), 0, () -> Ingest.files(kbDir, input, job).summary());
        firstLocal = i == 0 ? local : firstLocal;
        run("Ingest.remote, " + scenarios[i], records.size(), local,
            () -> Ingest.remote(endpoint, input, job).summary());
      }
      run("Graph Store Protocol POST of the triples [floor]", records.size(), firstLocal,
          () -> post(base + "raw?default", records, batch, false));
      run("SPARQL INSERT DATA of the triples", records.size(), firstLocal,
          () -> post(base + "upd", records, batch, true));
      RemoteStore store = RemoteStore.connect(endpoint);
      System.out.printf(Locale.ROOT, "server: %,d records, %,d triples; batch %d%n",
          store.recordCount(), store.tripleCount(), batch);
    } finally {
      server.stop();
    }
  }

  private static List<CorpusRecord> read(Path atomic, int limit) {
    List<CorpusRecord> records = new ArrayList<>();
    try (Stream<CorpusRecord> at = new AtomicCsvImporter().read(atomic,
        new AtomicCsvImporter.Counts())) {
      at.limit(limit).forEach(records::add);
    }
    return records;
  }

  private static Path write(Path file, List<CorpusRecord> records) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      records.forEach(w::write);
    }
    return file;
  }

  /** Times {@code work}; prints wall and process CPU time and the ratio to {@code baseline}. */
  private static double run(String name, int records, double baseline, Callable<?> work)
      throws Exception {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    long t0 = System.nanoTime();
    Object result = work.call();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu0) / 1e9;
    double rate = records / wall;
    System.out.printf(Locale.ROOT, "%-55s wall %6.2f s  %,8.0f records/s  CPU %6.2f s%s  %s%n",
        name, wall, rate, cpu,
        baseline == 0 ? "" : String.format(Locale.ROOT, "  ratio %.2f", rate / baseline),
        result == null ? "" : result);
    return rate;
  }

  /**
   * POSTs the records' triples in batches: as N-Triples to a graph store URL, or wrapped in
   * {@code INSERT DATA} to an update URL. The time includes making the text, as an ingest's does.
   */
  private static Object post(String url, List<CorpusRecord> records, int batch, boolean update)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int from = 0; from < records.size(); from += batch) {
      StringBuilder text = new StringBuilder(update ? "INSERT DATA {\n" : "");
      for (CorpusRecord r : records.subList(from, Math.min(records.size(), from + batch))) {
        for (Triple t : RecordGraph.triples(r, CorpusJson.json().writeValueAsString(r))) {
          text.append(NodeFmtLib.strNT(t.getSubject())).append(' ')
              .append(NodeFmtLib.strNT(t.getPredicate())).append(' ')
              .append(NodeFmtLib.strNT(t.getObject())).append(" .\n");
        }
      }
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", update ? "application/sparql-update"
              : "application/n-triples; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(text.append(update ? "}\n" : "").toString(),
              StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IOException(url + ": HTTP " + response.statusCode() + ": " + response.body());
      }
    }
    return null;
  }
}
