package org.distill4j.export.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * A file or folder written under a hidden name beside its target ({@code .NAME.partial-XXXX}) and
 * renamed to the target by {@link #commit}. Closing without committing deletes what was staged.
 * Being a sibling, the staging place is on the target's file system, so the rename is atomic.
 *
 * <p>An existing target is replaced only when the caller allows it: a folder given by mistake
 * (a home directory, a checkout) must never be deleted by an export.
 */
public final class StagedOutput implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final boolean folder;
  private boolean committed;

  private StagedOutput(Path target, boolean folder, boolean replace) {
    this.target = target.toAbsolutePath().normalize();
    this.folder = folder;
    if (this.target.getParent() == null) {
      throw new TargetExistsException(this.target, "is a file system root, not an output");
    }
    if (Files.exists(this.target) && !replace && !(folder && isEmptyFolder(this.target))) {
      throw new TargetExistsException(this.target);
    }
    if (Files.exists(this.target) && Files.isDirectory(this.target) != folder) {
      throw new TargetExistsException(this.target, folder
          ? "is a file, and this export writes a folder there"
          : "is a folder, and this export writes a file there");
    }
    if (folder && Files.isDirectory(this.target)) {
      requireExportLike(this.target);
    }
    String suffix = ".partial-" + UUID.randomUUID().toString().substring(0, 8);
    this.staging = this.target.resolveSibling("." + this.target.getFileName() + suffix);
    try {
      Files.createDirectories(this.target.getParent());
      if (folder) {
        Files.createDirectory(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
    }
  }

  /** A file to be written at {@code staging()} and moved to {@code target}. */
  public static StagedOutput file(Path target, boolean replace) {
    return new StagedOutput(target, false, replace);
  }

  /** A folder to be filled under {@code staging()} and moved to {@code target}. */
  public static StagedOutput folder(Path target, boolean replace) {
    return new StagedOutput(target, true, replace);
  }

  /** Where to write now. For a folder it exists; for a file it does not yet. */
  public Path staging() {
    return staging;
  }

  /** Where the output ends up. */
  public Path target() {
    return target;
  }

  /**
   * Moves the staged output to the target. A replaced folder is first renamed aside and
   * deleted only after the new one is in place, so some complete version is always there.
   */
  public void commit() {
    try {
      if (folder && Files.exists(target)) {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-"
            + UUID.randomUUID().toString().substring(0, 8));
        move(target, old);
        move(staging, target);
        deleteTree(old);
      } else {
        move(staging, target);
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + staging + " to " + target + ": "
          + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on file systems without rename (rare).
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes the staged output unless it was committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + staging + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses to replace a folder that holds anything an export does not write (Parquet, JSON
   * Lines and Markdown files, in folders): {@code --out . --overwrite} in a checkout or a home
   * folder must not delete it.
   */
  private static void requireExportLike(Path folder) {
    try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
      Path foreign = all.filter(p -> !Files.isDirectory(p))
          .filter(p -> !p.getFileName().toString().matches("(?i).*\\.(parquet|jsonl|md)"))
          .findFirst().orElse(null);
      if (foreign != null) {
        throw new TargetExistsException(folder, "holds " + folder.relativize(foreign)
            + ", which no export writes, so it is not replaced; choose another --out");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code folder} is a folder that holds nothing. */
  private static boolean isEmptyFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
