package org.distill4j.generation.run;

import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingMessage;

/**
 * A run that stopped before sending every request because it reached its cost limit: what arrived
 * is written, the rest is counted as skipped, and the same run with a higher limit continues
 * (from the reply cache for everything already answered). For front ends that stop on it, e.g.
 * a pipeline that must not filter half a corpus; its advice names the limit's setting.
 */
public final class GenerationStoppedException extends RuntimeException implements SettingMessage {
  private final String problem;

  /** @param manifest the manifest of the stopped run (status {@code stopped}) */
  public GenerationStoppedException(RunManifest manifest) {
    this(describe(manifest));
  }

  private GenerationStoppedException(String problem) {
    super(SettingMessage.spelled(problem, SettingNames.MAX_COST, UnaryOperator.identity()));
    this.problem = problem;
  }

  /** What stopped, what was skipped and how to continue, with {@code {setting}} for the limit. */
  public static String describe(RunManifest m) {
    long skipped = m.counts() == null ? 0 : m.counts().requestsSkipped();
    return "generation stopped: " + m.stopped() + "; " + skipped + " requests were not sent"
        + " (counted as skipped in " + GenerationFiles.MANIFEST + "). Run the same command with"
        + " a higher {setting} to continue: replies already received are taken from the cache"
        + " and nothing answered is sent again";
  }

  /** The same, with the limit's setting spelled for good, e.g. as a pipeline file's key. */
  public GenerationStoppedException spelledAs(UnaryOperator<String> spelling) {
    return new GenerationStoppedException(renderedAs(spelling));
  }

  @Override
  public String renderedAs(UnaryOperator<String> spelling) {
    return SettingMessage.spelled(problem, SettingNames.MAX_COST, spelling);
  }
}
