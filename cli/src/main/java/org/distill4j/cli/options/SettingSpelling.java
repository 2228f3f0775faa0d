package org.distill4j.cli.options;

import org.distill4j.core.io.SettingMessage;

/**
 * A command that spells stage settings as its own flags: an error that names a stage setting
 * ({@link SettingMessage}) is printed with the flag the user typed, not the stage's name.
 */
public interface SettingSpelling {
  /** The command's spelling of the stage setting {@code setting}; the name itself if it has none. */
  String spell(String setting);

  /**
   * The message to print for {@code cause} raised under {@code command}: with the command's
   * flags when it spells settings and the failure names some, else the message as it is.
   */
  static String messageOf(Throwable cause, Object command) {
    if (command instanceof SettingSpelling spelling && cause instanceof SettingMessage named) {
      return named.renderedAs(spelling::spell);
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
