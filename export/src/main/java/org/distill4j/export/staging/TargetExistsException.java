package org.distill4j.export.staging;

import java.nio.file.Path;
import org.distill4j.core.io.InputException;

/** The output path is taken and the export was not allowed to replace it: a usage error. */
public final class TargetExistsException extends InputException {
  private final transient Path target;

  TargetExistsException(Path target) {
    this(target, "already exists; choose another --out, or pass --overwrite to replace it");
  }

  TargetExistsException(Path target, String problem) {
    super(target + " " + problem);
    this.target = target;
  }

  /** The path that is taken. */
  public Path target() {
    return target;
  }
}
