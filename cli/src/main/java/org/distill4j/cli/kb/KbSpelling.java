package org.distill4j.cli.kb;

import org.distill4j.cli.options.SettingSpelling;

/**
 * The kb commands' spelling of knowledge-base settings: a command that implements it has every
 * error naming a setting printed with the flag the user typed ({@link KbFlags}).
 */
interface KbSpelling extends SettingSpelling {
  @Override
  default String spell(String setting) {
    return KbFlags.flag(setting);
  }
}
