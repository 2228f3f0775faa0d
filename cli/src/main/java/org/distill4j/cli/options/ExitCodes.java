package org.distill4j.cli.options;

/** The exit codes every command shares. */
public final class ExitCodes {
  /** Bad input or usage, as picocli uses for usage errors. */
  public static final int BAD_INPUT = 2;
  /** Any other failure. */
  public static final int FAILURE = 1;
  /**
   * Generation stopped at its cost limit ({@code --max-cost}, {@code generate.max_cost}): what
   * arrived is written, the rest is skipped; a rerun with a higher limit continues.
   */
  public static final int STOPPED = 3;

  private ExitCodes() {}
}
