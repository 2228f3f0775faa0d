package org.distill4j.core.lock;

import java.nio.file.Path;

/**
 * Another live process holds the folder. Not bad input (the same command succeeds once the
 * holder is gone), so commands exit 1 on it.
 */
public final class FolderLockedException extends RuntimeException {
  private final Path folder;
  private final String holder;

  FolderLockedException(Path folder, String holder) {
    super(folder + " is in use by another distill process (" + holder + "); wait for it to"
        + " finish or stop it, then run the command again");
    this.folder = folder;
    this.holder = holder;
  }

  public Path folder() {
    return folder;
  }

  /** The holder as the kernel names it, e.g. {@code PID 4242: java ... generate --out runs/a}. */
  public String holder() {
    return holder;
  }
}
