package org.distill4j.generation.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.generation.run.GenerationFiles;

/**
 * The files of a run: {@code generated.jsonl}, {@code failures.jsonl}, {@code manifest.json},
 * {@code completed.txt}, {@code ledger.jsonl}, {@code logprobs.jsonl} (when the recipe asks for
 * them), {@code .distill.lock} while a command holds it (see {@code FolderLock}) and (by default)
 * {@code cache/}.
 */
public final class RunFolder {
  public static final String GENERATED = GenerationFiles.GENERATED;
  public static final String FAILURES = GenerationFiles.FAILURES;
  public static final String MANIFEST = GenerationFiles.MANIFEST;
  public static final String COMPLETED = GenerationFiles.COMPLETED;
  public static final String LEDGER = GenerationFiles.LEDGER;
  public static final String LOGPROBS = GenerationFiles.LOGPROBS;

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path generated() {
    return dir.resolve(GENERATED);
  }

  public Path failures() {
    return dir.resolve(FAILURES);
  }

  public Path manifest() {
    return dir.resolve(MANIFEST);
  }

  public Path completed() {
    return dir.resolve(COMPLETED);
  }

  public Path ledger() {
    return dir.resolve(LEDGER);
  }

  public Path logprobs() {
    return dir.resolve(LOGPROBS);
  }

  /** {@code batches.json}: the run's batch jobs. */
  public Path batches() {
    return dir.resolve(GenerationFiles.BATCHES);
  }

  /** {@code batches/}: the batch jobs' entry files. */
  public Path batchDir() {
    return dir.resolve(GenerationFiles.BATCH_DIR);
  }

  /** The manifest of an earlier run in this folder, if any. */
  public Optional<RunManifest> readManifest() {
    Path f = manifest();
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CorpusJson.json().readValue(f.toFile(), RunManifest.class));
    } catch (IOException e) {
      throw new InputException(new SourceLocation(f, 0),
          "cannot read the manifest of the earlier run: " + e.getMessage()
              + "; move the run folder aside or pick another one", e);
    }
  }

  /** Writes the manifest atomically (a temp file moved over the old one). */
  public void writeManifest(RunManifest manifest) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(MANIFEST + ".tmp");
      CorpusJson.json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
      Files.move(tmp, manifest(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + manifest(), e);
    }
  }

  /**
   * Moves the outputs of an earlier, different run to {@code previous/<time>/} so they are never
   * mixed with the new ones; the cache stays, so unchanged prompts cost nothing.
   */
  public Path rotate() {
    return moveAside("", List.of(GENERATED, FAILURES, MANIFEST, COMPLETED, LEDGER, LOGPROBS,
        GenerationFiles.BATCHES, GenerationFiles.BATCH_DIR));
  }

  /**
   * Moves the line files of this same run to {@code previous/<time>-damaged/}, keeping the
   * manifest and the ledger (the spend was real): the run is then rebuilt from the reply cache.
   * For a folder whose files no longer agree with each other, e.g. after an older version.
   */
  public Path setAsideDamaged() {
    return moveAside("-damaged", List.of(GENERATED, FAILURES, COMPLETED, LOGPROBS));
  }

  private Path moveAside(String suffix, List<String> names) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC)
        .format(Instant.now());
    Path target = dir.resolve(GenerationFiles.PREVIOUS).resolve(stamp + suffix);
    try {
      Files.createDirectories(target);
      for (String name : names) {
        Path f = dir.resolve(name);
        if (Files.exists(f)) {
          Files.move(f, target.resolve(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move old outputs to " + target, e);
    }
    return target;
  }

  /**
   * The written-line keys a resume must not write again: {@code requestHash|recordId} for
   * records, the failure key for failures, {@code logprobs:requestHash} for logprobs.
   */
  public Set<String> writtenKeys() {
    Set<String> keys = new HashSet<>();
    readKeys(generated(), keys, Kind.RECORD);
    readKeys(failures(), keys, Kind.FAILURE);
    readKeys(logprobs(), keys, Kind.LOGPROBS);
    return keys;
  }

  private enum Kind { RECORD, FAILURE, LOGPROBS }

  private static void readKeys(Path file, Set<String> into, Kind kind) {
    if (!Files.exists(file)) {
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = CorpusJson.json().readTree(line);
        } catch (IOException torn) {
          // A torn last line is repaired by the writer on open; its record is written again.
          continue;
        }
        into.add(switch (kind) {
          case RECORD -> n.path("provenance").path("requestHash").asText() + "|"
              + n.path("id").asText();
          case FAILURE -> n.path("key").asText();
          case LOGPROBS -> "logprobs:" + n.path("request").asText();
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Counts the lines of a file (0 when missing) by counting newline bytes: the writers never
   * write blank lines, and a torn last line has no newline and is repaired on the next append.
   */
  static long countLines(Path file) {
    if (!Files.exists(file)) {
      return 0;
    }
    // A heap array scanned in a plain loop: this runs once per run, often before the JIT has
    // compiled it, and an interpreted byte-at-a-time ByteBuffer walk showed up in profiles.
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      long n = 0;
      for (int read; (read = in.read(buf)) > 0; ) {
        for (int i = 0; i < read; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
