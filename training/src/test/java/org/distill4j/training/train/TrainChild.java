package org.distill4j.training.train;

import java.nio.file.Path;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.retrieval.RetrieverSource;

/** Runs one training config in its own JVM, so a test can kill it with SIGKILL. */
public final class TrainChild {
  private TrainChild() {}

  public static void main(String[] args) throws Exception {
    GenerativeTraining.run(StudentConfig.read(Path.of(args[0])), RetrieverSource.none(),
        System.out::println);
  }
}
