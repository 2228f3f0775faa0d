package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The front door under random damage: valid recipes, pipelines, filter chains, student configs,
 * seed files and corpora, mutated (byte flips, lines deleted or doubled, keys renamed, values of
 * another type, truncation, bytes that are not UTF-8) and fed to the real commands in-process.
 * Whatever the damage, the exit status is 0 or 2, nothing prints a stack trace, and an exit 2
 * leaves an existing output folder exactly as it was.
 *
 * <p>QuickTheories draws and shrinks the damage (a failure prints its seed, to replay with
 * {@code -DQT_SEED=...}). jqwik was tried first and dropped: its engine asks AI agents, who write
 * much of this code, not to use it.
 */
class FrontDoorPropertyTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path RECIPE = ROOT.resolve("prompts/commonsense-atomic.yaml");
  private static final Path CHAIN = ROOT.resolve("pipelines/filters/commonsense.yaml");
  private static final Path EVENTS = ROOT.resolve("corpora/seeds/events.txt");
  private static final Path PAIRS = ROOT.resolve("corpora/seeds/entity-pairs.tsv");
  private static final Path PASSAGES = ROOT.resolve("corpora/seeds/passages.jsonl");
  private static final Path CORPUS = ROOT.resolve("corpora/examples/mixed.jsonl");
  /** Nothing listens on the discard port: a teacher that is never reached. */
  private static final String CLOSED = "http://127.0.0.1:9/v1";

  /** One kind of damage, at a position and with a choice, both taken modulo the file's size. */
  record Mutation(Kind kind, int position, int choice) {
    enum Kind { FLIP_BYTE, DELETE_LINE, DOUBLE_LINE, RENAME_KEY, SWAP_VALUE, TRUNCATE, BAD_UTF8 }

    private static final List<String> VALUES = List.of("abc", "-1", "0", "[1, 2]", "{a: 1}", "",
        "null", "1e999", "true", "\"\"", "- x", "\"{{nope}}\"", "9999999999999");

    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      int at = Math.floorMod(position, in.length);
      List<String> lines = new ArrayList<>(List.of(new String(in,
          java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1)));
      int line = Math.floorMod(position, lines.size());
      switch (kind) {
        case FLIP_BYTE -> {
          byte[] out = in.clone();
          out[at] = (byte) choice;
          return out;
        }
        case TRUNCATE -> {
          return java.util.Arrays.copyOf(in, at);
        }
        case BAD_UTF8 -> {
          byte[] bad = choice % 2 == 0 ? new byte[] {(byte) 0xff} : new byte[] {(byte) 0xc3, 0x28};
          byte[] out = new byte[in.length + bad.length];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(bad, 0, out, at, bad.length);
          System.arraycopy(in, at, out, at + bad.length, in.length - at);
          return out;
        }
        case DELETE_LINE -> lines.remove(line);
        case DOUBLE_LINE -> lines.add(line, lines.get(line));
        case RENAME_KEY -> lines.set(line, lines.get(line).replaceFirst(
            "^(\\s*(?:- )?)([A-Za-z_]+)(:)", "$1" + renamed() + "$3"));
        case SWAP_VALUE -> lines.set(line, lines.get(line).replaceFirst(
            "^(\\s*(?:- )?[A-Za-z_]+: ?).*$", "$1" + VALUES.get(Math.floorMod(choice,
                VALUES.size())).replace("$", "\\$")));
        default -> throw new IllegalStateException(kind.name());
      }
      return String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private String renamed() {
      return List.of("$2x", "x$2", "$2_", "tmp", "maxTokens", "type").get(Math.floorMod(choice,
          6));
    }
  }

  /** One to three kinds of damage, applied in turn. */
  private static Gen<List<Mutation>> damage() {
    Gen<Mutation> one = arbitrary().enumValues(Mutation.Kind.class)
        .zip(integers().between(0, 1 << 20), integers().between(0, 255), Mutation::new);
    return lists().of(one).ofSizeBetween(1, 3);
  }

  /** Runs {@code body} on {@code tries} random damages; QuickTheories shrinks a failing one. */
  private static void forAllDamage(int tries, ThrowingFunction<List<Mutation>, Void> body) {
    qt().withExamples(tries).forAll(damage()).checkAssert(damage -> {
      try {
        body.apply(damage);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private static byte[] mutate(Path source, List<Mutation> damage) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    for (Mutation m : damage) {
      bytes = m.apply(bytes);
    }
    return bytes;
  }

  @Test
  void recipes() {
    forAllDamage(30, damage -> {
      inSandbox(dir -> {
        Path recipe = write(dir, "recipe.yaml", mutate(RECIPE, damage));
        return List.of(generateDryRun(dir, recipe, EVENTS, "--field", "event=0"));
      });
      return null;
    });
  }

  @Test
  void seedFiles() {
    forAllDamage(30, damage -> {
      inSandbox(dir -> {
        Path events = write(dir, "events.txt", mutate(EVENTS, damage));
        Path pairs = write(dir, "pairs.tsv", mutate(PAIRS, damage));
        Path passages = write(dir, "passages.jsonl", mutate(PASSAGES, damage));
        List<CommandRun> runs = new ArrayList<>();
        runs.add(generateDryRun(dir, RECIPE, events, "--field", "event=0"));
        runs.add(generateDryRun(dir, ROOT.resolve("prompts/comparatives.yaml"), pairs));
        runs.add(generateDryRun(dir, ROOT.resolve("prompts/qa-from-passage.yaml"), passages));
        return runs;
      });
      return null;
    });
  }

  @Test
  void filterChains() {
    forAllDamage(25, damage -> {
      inSandbox(dir -> {
        Path chain = write(dir, "chain.yaml", mutate(CHAIN, damage));
        return List.of(CommandRun.of("filter", "--in", CORPUS.toString(), "--filters",
            chain.toString(), "--out", dir.resolve("out").toString()));
      });
      return null;
    });
  }

  @Test
  void corpora() {
    forAllDamage(25, damage -> {
      inSandbox(dir -> {
        Path corpus = write(dir, "corpus.jsonl", mutate(CORPUS, damage));
        return List.of(CommandRun.of("filter", "--in", corpus.toString(), "--filters",
            CHAIN.toString(), "--out", dir.resolve("out").toString()));
      });
      return null;
    });
  }

  @Test
  void studentConfigs() {
    forAllDamage(30, damage -> {
      inSandbox(dir -> {
        // The training corpus is absent: a config that survives its damage ends at exit 2 there,
        // without training; the reading of the YAML is what is under test.
        String valid = Files.readString(ROOT.resolve("pipelines/students/generative-small.yaml"))
            .replace("../../runs/example/filtered/kept.jsonl", dir.resolve("absent.jsonl")
                .toString())
            .replace("../../runs/example/train", dir.resolve("out").toString());
        Path source = write(dir, "valid.yaml", valid.getBytes());
        Path config = write(dir, "student.yaml", mutate(source, damage));
        Files.delete(source);
        return List.of(CommandRun.of("train", "--config", config.toString()));
      });
      return null;
    });
  }

  @Test
  void pipelines() {
    forAllDamage(30, damage -> {
      inSandbox(dir -> {
        String valid = """
            name: front-door
            run_dir: %s
            teacher:
              provider: openai
              model: m
              base_url: %s
              timeout_seconds: 5
            generate:
              recipe: %s
              seeds: %s
              fields: [event=0]
              concurrency: 2
              limit: 3
            filter:
              chain: %s
            kb:
              vectors: false
            """.formatted(dir.resolve("out"), CLOSED, RECIPE, EVENTS, CHAIN);
        Path source = write(dir, "valid.yaml", valid.getBytes());
        Path pipeline = write(dir, "pipeline.yaml", mutate(source, damage));
        Files.delete(source);
        return List.of(CommandRun.of("run", "--progress", "none", pipeline.toString()));
      });
      return null;
    });
  }

  private static CommandRun generateDryRun(Path dir, Path recipe, Path seeds, String... more) {
    List<String> args = new ArrayList<>(List.of("generate", "--recipe", recipe.toString(),
        "--seeds", seeds.toString(), "--teacher", "openai", "--base-url", CLOSED, "--model", "m",
        "--out", dir.resolve("out").toString(), "--dry-run"));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  /** A temporary folder with an earlier run's output in {@code out/}, removed afterwards. */
  private static void inSandbox(ThrowingFunction<Path, List<CommandRun>> body) throws Exception {
    Path dir = Files.createTempDirectory("front-door");
    try {
      Path out = Files.createDirectories(dir.resolve("out"));
      Files.writeString(out.resolve("kept.jsonl"), Files.readString(CORPUS));
      Files.writeString(out.resolve("rejected.jsonl"), "{\"earlier\": true}\n");
      Files.writeString(out.resolve("manifest.json"), "{\"status\": \"complete\"}\n");
      Files.writeString(out.resolve("generated.jsonl"), Files.readString(CORPUS));
      Map<String, String> before = snapshot(out);
      for (CommandRun run : body.apply(dir)) {
        String printed = run.out() + run.err();
        // A valid pipeline reaches its generate stage; the teacher is never there: exit 1 with
        // the one line that says so, which is the documented outcome, not a crash.
        boolean unreachable = run.exitCode() == 1 && run.err().contains("teacher");
        assertThat(run.exitCode() == 0 || run.exitCode() == 2 || unreachable)
            .as("exit %d:%n%s", run.exitCode(), printed).isTrue();
        assertThat(printed).as(printed).doesNotContain("\tat ", "Exception:", "Exception\n",
            "java.lang.", "(run again with --verbose");
        if (run.exitCode() == 2) {
          assertThat(snapshot(out)).as(printed).isEqualTo(before);
        }
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, String> snapshot(Path out) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (Files.isDirectory(out)) {
      try (Stream<Path> all = Files.walk(out)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          files.put(out.relativize(p).toString(), Files.isRegularFile(p)
              ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p)) : "dir");
        }
      }
    }
    return files;
  }

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @FunctionalInterface
  interface ThrowingFunction<A, B> {
    B apply(A a) throws Exception;
  }
}
