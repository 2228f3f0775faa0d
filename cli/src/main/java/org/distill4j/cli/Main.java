package org.distill4j.cli;

import org.distill4j.cli.options.ExitCodes;
import org.distill4j.cli.options.SettingSpelling;
import java.io.PrintWriter;
import java.util.Arrays;
import org.distill4j.core.io.InputException;
import org.distill4j.core.lock.FolderLockedException;
import org.distill4j.generation.run.GenerationStoppedException;
import picocli.CommandLine;

/**
 * Entry point of the {@code distill} command. Maps outcomes to exit codes: 0 success, 1 failure,
 * 2 bad input or usage, 3 generation stopped at its cost limit, and prints one line per error
 * (the stack trace only with {@code --verbose}).
 */
public final class Main {
  /** Exit code for bad input or usage, as picocli uses for usage errors. */
  public static final int BAD_INPUT = ExitCodes.BAD_INPUT;
  /** Exit code for any other failure. */
  public static final int FAILURE = ExitCodes.FAILURE;

  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // Thrown on the command's own thread, past picocli's handler (which takes Exceptions).
      System.err.println("error: " + outOfMemory(e));
      code = FAILURE;
    }
    System.exit(code);
  }

  /**
   * The configured command line: use this (not {@code new CommandLine(...)}) in tests so that
   * errors map to exit codes exactly as they do for users.
   */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new DistillCommand()));
  }

  /** Gives {@code cl} the error handling and exit codes of {@code distill}. */
  static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** A bad flag or value: one line naming it and where to find the usage, not the whole help. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("(run '" + cl.getCommandSpec().qualifiedName() + " --help' for the options)");
    err.flush();
    return BAD_INPUT;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = Arrays.asList(parsed.originalArgs().toArray(new String[0]))
        .contains("--verbose");
    Throwable cause = unwrap(e);
    if (cause instanceof GenerationStoppedException) {
      // Not a failure: the limit did its job. Say what to do, without a stack-trace hint.
      err.println("stopped: " + messageOf(cause, cl.getCommand()));
      err.flush();
      return ExitCodes.STOPPED;
    }
    if (cause instanceof OutOfMemoryError oom) {
      // From a worker thread: nothing about the input is wrong, the heap is too small for it.
      err.println("error: " + outOfMemory(oom));
      err.flush();
      return FAILURE;
    }
    if (cause instanceof InputException) {
      err.println("error: " + messageOf(cause, cl.getCommand()));
      if (verbose) {
        cause.printStackTrace(err);
      }
      err.flush();
      return BAD_INPUT;
    }
    err.println("error: " + messageOf(cause, cl.getCommand()));
    if (verbose) {
      cause.printStackTrace(err);
    } else if (!(cause instanceof FolderLockedException)) {
      // A refused lock already says who holds the folder and what to do; no trace would help.
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return FAILURE;
  }

  /** What to say when the heap ran out: how big it was and how to give it more. */
  static String outOfMemory(OutOfMemoryError e) {
    return "out of memory (" + e.getMessage() + ") with a maximum heap of "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; run again with a larger one, e.g."
        + " DISTILL_JAVA_OPTS=-Xmx8g ./distill ... (files already written are kept; a"
        + " generation run resumes where it stopped)";
  }

  /** The message to print; see {@link SettingSpelling#messageOf}. */
  public static String messageOf(Throwable cause, Object command) {
    return SettingSpelling.messageOf(cause, command);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.ExecutionException
            || t instanceof java.util.concurrent.CompletionException
            || t instanceof java.lang.reflect.UndeclaredThrowableException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
