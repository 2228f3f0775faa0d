package org.distill4j.cli.options;

/** The exit codes every command shares. */
public final class ExitCodes {
  /** Bad input or usage, as picocli uses for usage errors. */
  public static final int BAD_INPUT = 2;
  /** Any other failure. */
  public static final int FAILURE = 1;

  private ExitCodes() {}
}
