package org.distill4j.cli;

/**
 * A command that spells stage settings as its own flags: {@link Main} prints a
 * {@code SettingException} from the command with the flag the user typed, not the stage's name.
 */
public interface SettingSpelling {
  /** The command's spelling of the stage setting {@code setting}; the name itself if it has none. */
  String spell(String setting);
}
