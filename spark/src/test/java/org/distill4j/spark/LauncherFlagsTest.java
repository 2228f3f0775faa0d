package org.distill4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code distill-spark} launcher (and the scripts that start the same jobs) open the same
 * {@code java.base} packages as the module's test JVMs: the tests prove those are enough, so a
 * package added to one and not the other would leave the launcher failing where the tests pass.
 */
class LauncherFlagsTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @Test
  void theLauncherOpensWhatTheTestsOpen() throws IOException {
    String pom = Files.readString(MODULE.resolve("pom.xml"));
    Set<String> tested = new TreeSet<>();
    Matcher m = Pattern.compile("--add-opens=java\\.base/([\\w.]+)=ALL-UNNAMED").matcher(pom);
    while (m.find()) {
      tested.add(m.group(1));
    }

    assertThat(tested).hasSizeGreaterThan(5);
    assertThat(pom).contains("-Djdk.reflect.useDirectMethodHandle=false");
    // The launcher, the Spark benchmarks' runner and the job jar's check start the same jobs.
    for (Path launcher : new Path[] {MODULE.resolveSibling("distill-spark"),
        MODULE.resolveSibling("bench-spark").resolve("scripts/java.sh"),
        MODULE.resolve("scripts/check-job-jar.sh")}) {
      String script = Files.readString(launcher);
      Matcher loop = Pattern.compile("for p in ([^;]+);").matcher(script);
      assertThat(loop.find()).as("the loop over packages in %s", launcher).isTrue();
      Set<String> launched = new TreeSet<>(Set.of(loop.group(1).replace("\\", " ").trim()
          .split("\\s+")));
      assertThat(launched).as(launcher.toString()).isEqualTo(tested);
      assertThat(script).contains("-Djdk.reflect.useDirectMethodHandle=false");
    }
  }
}
