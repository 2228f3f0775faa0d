package org.distill4j.cli.kb;

import java.util.Map;
import java.util.function.Supplier;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;

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

  /** The error with the setting spelled as its flag. */
  static InputException rendered(SettingException e) {
    return new InputException(e.renderedAs(KbFlags::flag));
  }

  /** Runs {@code work}, spelling any setting it complains about as a flag. */
  static <T> T run(Supplier<T> work) {
    try {
      return work.get();
    } catch (SettingException e) {
      throw rendered(e);
    }
  }
}
