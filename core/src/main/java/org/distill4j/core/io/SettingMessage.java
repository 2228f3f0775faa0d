package org.distill4j.core.io;

import java.util.function.UnaryOperator;

/**
 * A failure whose message names stage settings by the stage's own names. A front end prints
 * {@link #renderedAs} with its own spelling: the command line its flags, the pipeline its YAML
 * keys. {@link SettingException} is the bad-input case; a refused key or an unreachable teacher
 * are others.
 */
public interface SettingMessage {
  /** Where a setting's name goes in a problem text. */
  String NAME = "{setting}";

  /** The message with each setting spelled by {@code spelling}. */
  String renderedAs(UnaryOperator<String> spelling);

  /** {@code problem} with {@code setting} spelled by {@code spelling} wherever {@link #NAME} is. */
  static String spelled(String problem, String setting, UnaryOperator<String> spelling) {
    return problem.replace(NAME, spelling.apply(setting));
  }
}
