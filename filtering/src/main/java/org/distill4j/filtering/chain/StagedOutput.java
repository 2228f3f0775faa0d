package org.distill4j.filtering.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.distill4j.core.io.SettingException;

/**
 * New output files written beside the old ones and swapped in only when all are complete, so a
 * run that fails (bad input, a crashed critic, a kill) leaves the folder's earlier outputs
 * byte-identical. The files are written into a hidden {@code .staging-*} folder inside the output
 * folder (same file system, so each swap is an atomic rename); {@link #commit} moves them over
 * the old ones, removes old outputs the new run did not write, and {@link #close} removes the
 * staging folder of a run that never committed.
 */
public final class StagedOutput implements AutoCloseable {
  private static final String PREFIX = ".staging-";
  private final Path target;
  private final Path staging;
  private final boolean createdTarget;
  private boolean committed;

  private StagedOutput(Path target, Path staging, boolean createdTarget) {
    this.target = target;
    this.staging = staging;
    this.createdTarget = createdTarget;
  }

  /**
   * Starts staging for {@code target}, creating it when missing. Staging folders left by a killed
   * run are removed first: the caller holds the folder's lock, so no live run owns them.
   */
  public static StagedOutput beside(Path target) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new SettingException(FilterSettings.OUT, SettingException.NAME + " " + target
          + " is a file; give a folder (it is created when missing)");
    }
    try {
      boolean created = !Files.exists(target);
      Files.createDirectories(target);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(target, PREFIX + "*")) {
        for (Path p : old) {
          deleteTree(p);
        }
      }
      return new StagedOutput(target, Files.createTempDirectory(target, PREFIX), created);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output folder " + target + ": "
          + e.getMessage(), e);
    }
  }

  /** Where the new files are written. */
  public Path dir() {
    return staging;
  }

  /**
   * Swaps the staged files in. Every name in {@code outputs} ends up as the new run wrote it: moved
   * over the old file, or the old file deleted when the new run did not write one (so no stale
   * {@code invalid.jsonl} from an earlier run survives). {@code outputs} is moved in order; put
   * the file readers check first (kept records) last.
   */
  public void commit(List<String> outputs) {
    try {
      for (String name : outputs) {
        Path staged = staging.resolve(name);
        Path dest = target.resolve(name);
        if (Files.exists(staged)) {
          move(staged, dest);
        } else {
          Files.deleteIfExists(dest);
        }
      }
      committed = true;
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move new outputs into " + target + ": "
          + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes the staging folder of an uncommitted run, and the output folder if this run made it. */
  @Override
  public void close() {
    try {
      deleteTree(staging);
      if (!committed && createdTarget) {
        try (Stream<Path> left = Files.list(target)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove staging folder " + staging + ": "
          + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
