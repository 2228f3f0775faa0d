package org.distill4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.ListingTeacher;
import org.distill4j.core.io.CorpusJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pipeline file run by {@code distill run}, and the same stages run one command at a time
 * into the same layout, give the same folders: the same files (side files included) and the
 * same records. Each stage has one entry point that owns its outputs; this holds the two front
 * ends to it.
 */
class StagesAgreeIT {
  @TempDir Path dir;
  private HttpServer teacher;

  @BeforeEach
  void startTeacher() throws IOException {
    teacher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    teacher.createContext("/", ListingTeacher::answer);
    teacher.start();
  }

  @AfterEach
  void stopTeacher() {
    teacher.stop(0);
  }

  @Test
  void theStageCommandsAndThePipelineWriteTheSameFolders() throws Exception {
    String baseUrl = "http://127.0.0.1:" + teacher.getAddress().getPort() + "/v1";
    Files.writeString(dir.resolve("events.txt"),
        "PersonX bakes bread\nPersonX misses the bus\nPersonX bakes bread\n");
    Files.writeString(dir.resolve("filters.yaml"), """
        filters:
          - type: schema
          - type: length
            max_words: 12
          - type: exact-dedup
        """);
    String student = """
        student: generative
        train: %s
        out: %s
        seed: 7
        epochs: 1
        batch_size: 8
        vocabulary_size: 100
        model: {embedding: 8, heads: 2, layers: 1, hidden: 16, max_length: 24}
        evaluation: {limit: 2, max_new_tokens: 4}
        """;
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.writeString(dir.resolve("student-a.yaml"), student.formatted("unused", "unused"));
    Files.writeString(dir.resolve("p.yaml"), """
        name: agree
        run_dir: a
        teacher: {provider: openai, model: m, base_url: "%s", timeout_seconds: 5}
        generate:
          recipe: %s
          seeds: events.txt
          fields: [event=0]
          concurrency: 2
          samples: 1
        filter: {chain: filters.yaml}
        kb: {vectors: false}
        train: {config: student-a.yaml}
        """.formatted(baseUrl, ListingTeacher.ATOMIC));
    CommandRun pipeline = CommandRun.of("run", dir.resolve("p.yaml").toString(), "--progress", "none");
    assertThat(pipeline.exitCode()).as(pipeline.err()).isZero();

    ok(CommandRun.of(ListingTeacher.generateArgs(dir.resolve("events.txt"), b,
        teacher.getAddress().getPort())));
    ok(CommandRun.of("filter", "--in", b.resolve("generated.jsonl").toString(),
        "--filters", dir.resolve("filters.yaml").toString(), "--out", b.resolve("filtered").toString()));
    ok(CommandRun.of("kb", "ingest", "--kb", b.resolve("kb").toString(), "--no-vectors",
        b.resolve("filtered/kept.jsonl").toString()));
    Files.writeString(dir.resolve("student-b.yaml"),
        student.formatted(b.resolve("filtered/kept.jsonl"), b.resolve("train")));
    ok(CommandRun.of("train", "--config", dir.resolve("student-b.yaml").toString()));

    // The pipeline adds its own bookkeeping and report; everything else is the stages'.
    Set<String> pipelineOnly = Set.of("report.html", "pipeline-state.json");
    Set<String> filesA = files(a);
    filesA.removeIf(f -> pipelineOnly.contains(f));
    assertThat(filesA).isEqualTo(files(b));

    for (String corpus : List.of("generated.jsonl", "filtered/kept.jsonl", "filtered/rejected.jsonl")) {
      assertThat(records(a.resolve(corpus))).as(corpus).isEqualTo(records(b.resolve(corpus)));
    }
    assertThat(records(a.resolve("filtered/kept.jsonl"))).isNotEmpty();
    assertThat(records(a.resolve("filtered/rejected.jsonl"))).isNotEmpty();
    assertThat(Files.readString(a.resolve("filtered/diversity.json")))
        .isEqualTo(Files.readString(b.resolve("filtered/diversity.json")));
    assertThat(stats(a)).isEqualTo(stats(b));
  }

  private static void ok(CommandRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  /** Every file under {@code root}, relative; inside the stores only their top level. */
  private static Set<String> files(Path root) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
          .filter(p -> !p.endsWith(".distill.lock"))
          .map(p -> p.startsWith("kb/") && p.chars().filter(c -> c == '/').count() > 1
              ? p.substring(0, p.indexOf('/', 3)) + "/…" : p)
          .forEach(out::add);
    }
    return out;
  }

  /** What a record file holds, without what differs by run: the run id and timestamps. */
  private static List<String> records(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(line -> {
      try {
        JsonNode n = CorpusJson.json().readTree(line);
        if (n.path("provenance").isObject()) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("provenance"))
              .remove(List.of("runId", "createdAt", "generatedAt"));
        }
        return n.toString();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).sorted().toList();
  }

  /**
   * The store's counts per kind and relation; not its path, nor its bytes on disk (Lucene's
   * segment files carry their own ids and times).
   */
  private static List<String> stats(Path run) {
    CommandRun s = CommandRun.of("kb", "stats", "--kb", run.resolve("kb").toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    List<String> lines = s.out().lines().skip(1)
        .filter(l -> !l.strip().startsWith("disk")).toList();
    assertThat(lines).anyMatch(l -> l.strip().startsWith("records"));
    return lines;
  }
}
