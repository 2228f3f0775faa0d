package org.distill4j.core.io;

import java.util.function.UnaryOperator;

/**
 * A failure whose message names stage settings by the stage's own names. A front end prints
 * {@link #renderedAs} with its own spelling: the command line its flags, the pipeline its YAML
 * keys. {@link SettingException} is the bad-input case; a refused key or an unreachable teacher
 * are others.
 */
public interface SettingMessage {
  /** The message with each setting spelled by {@code spelling}. */
  String renderedAs(UnaryOperator<String> spelling);
}
