package org.distill4j.generation.run;

import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.io.SettingMessage;

/**
 * The teacher answered 401 or 403: every request would be refused, so the run stops after the
 * requests already in flight. The refused groups are not written, so the same command with a
 * valid key resumes where this one stopped. Not bad input in the exit-code sense (the command
 * line was fine), so commands exit 1; its advice may name a setting, spelled by each front end.
 */
public final class TeacherKeyRefusedException extends RuntimeException implements SettingMessage {
  private final String setting;
  private final String problem;

  /**
   * @param setting the setting the advice names
   * @param problem the message, with {@link SettingException#NAME} where the setting goes
   */
  public TeacherKeyRefusedException(String setting, String problem) {
    super(SettingMessage.spelled(problem, setting, UnaryOperator.identity()));
    this.setting = setting;
    this.problem = problem;
  }

  /** The setting the advice names. */
  public String setting() {
    return setting;
  }

  /** The message with the setting spelled by {@code spelling} (a flag or a YAML key). */
  @Override
  public String renderedAs(UnaryOperator<String> spelling) {
    return SettingMessage.spelled(problem, setting, spelling);
  }
}
