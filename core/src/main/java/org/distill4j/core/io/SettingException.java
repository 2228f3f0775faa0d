package org.distill4j.core.io;

import java.util.function.UnaryOperator;

/**
 * A stage setting with a bad or missing value. A stage knows its settings by their own names
 * ({@code timeout_seconds}, {@code concurrency}); the user wrote them as a flag
 * ({@code --timeout}) or a YAML key ({@code generate.teacher.timeout_seconds}). The stage throws
 * this with its name and a problem in which {@code {setting}} marks where the name goes; each
 * front end re-renders the message with its own spelling through {@link #renderedAs}.
 */
public final class SettingException extends InputException implements SettingMessage {
  /** Where the setting's name goes in a problem text. */
  public static final String NAME = SettingMessage.NAME;

  private final String setting;
  private final String problem;

  /**
   * @param setting the stage's own name for the setting
   * @param problem what is wrong, with {@link #NAME} where the setting's name belongs (prefixed
   *     with "NAME: " when it has none)
   */
  public SettingException(String setting, String problem) {
    this(null, setting, problem);
  }

  /** The same, for a setting whose value shows its problem at {@code location} in a file. */
  public SettingException(SourceLocation location, String setting, String problem) {
    super(location, render(setting, problem, UnaryOperator.identity()));
    this.setting = setting;
    this.problem = problem;
  }

  /** The stage's own name for the setting. */
  public String setting() {
    return setting;
  }

  /** The same message with the setting spelled by {@code spelling} (flag or YAML key). */
  @Override
  public String renderedAs(UnaryOperator<String> spelling) {
    String message = render(setting, problem, spelling);
    return location() == null ? message : location() + ": " + message;
  }

  private static String render(String setting, String problem, UnaryOperator<String> spelling) {
    return problem.contains(NAME) ? SettingMessage.spelled(problem, setting, spelling)
        : spelling.apply(setting) + ": " + problem;
  }
}
