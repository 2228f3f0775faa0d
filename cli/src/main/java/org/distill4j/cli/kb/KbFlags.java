package org.distill4j.cli.kb;

import java.util.Map;

/**
 * The flag that sets each knowledge-base setting, so an error a kb stage raises by its setting's
 * own name reaches the user as the flag they typed.
 */
final class KbFlags {
  /** Settings whose flag is not {@code --} and the name with dashes. */
  private static final Map<String, String> SPELLED = Map.of(
      "batch_size", "--batch",
      "vectors", "--no-vectors");

  private KbFlags() {}

  /** The flag for {@code setting}. */
  static String flag(String setting) {
    return SPELLED.getOrDefault(setting, "--" + setting.replace('_', '-'));
  }
}
