package org.distill4j.spark.generate;

import java.io.Serializable;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherConfig;

/**
 * Builds the teacher on an executor: a teacher client holds connections and cannot travel, so
 * each task makes its own from the config (and the executor's environment for the key).
 */
@FunctionalInterface
public interface TeacherSource extends Serializable {
  /** The teacher this config names. */
  Teacher teacher(TeacherConfig config);

  /** The registered providers, with API keys read from the executor's environment. */
  static TeacherSource registered() {
    return config -> new ChatModelFactory(System::getenv).teacher(config);
  }
}
