package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code distill} launcher's class-data-sharing archive: the first command writes it, later
 * commands map it, and neither prints anything of it on standard output (where commands such as
 * {@code kb sparql} write their data). Runs a copy of the script beside a copy of the built jar,
 * so the checkout's own archive and jar are left alone and no build is started.
 */
class LauncherScriptIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @TempDir Path root;

  @Test
  void theFirstCommandWritesTheArchiveAndTheNextMapsItWithCleanOutput() throws Exception {
    Path target = Files.createDirectories(root.resolve("cli/target"));
    Files.copy(MODULE.resolveSibling("distill"), root.resolve("distill"));
    Files.copy(MODULE.resolve("target/distill-cli.jar"), target.resolve("distill-cli.jar"));
    Files.createSymbolicLink(target.resolve("lib"), MODULE.resolve("target/lib"));
    Path archive = target.resolve("distill-cli.jsa");

    Result first = distill(Map.of(), "--version");
    assertThat(first.status()).isZero();
    assertThat(first.stdout()).hasSize(2);
    assertThat(first.stdout().get(0)).startsWith("distill4j ");
    assertThat(archive).isNotEmptyFile();
    try (var left = Files.list(target)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("distill-cli.jsa."));
    }

    // -Xshare:on makes a JVM that cannot map the archive fail instead of running without it.
    Result second = distill(Map.of("DISTILL_JAVA_OPTS", "-Xshare:on"), "--version");
    assertThat(second.status()).as(String.join("\n", second.stdout())).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
  }

  /**
   * The jar the launcher runs names every jar of {@code target/lib} in its manifest: a jar left
   * over from an earlier build lacks a dependency added since in another module, and then fails
   * with NoClassDefFoundError on the first command that needs it.
   */
  @Test
  void theJarsManifestNamesEveryDependencyOfThisBuild() throws IOException {
    try (java.util.jar.JarFile jar =
        new java.util.jar.JarFile(MODULE.resolve("target/distill-cli.jar").toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      List<String> named = List.of(classPath.trim().split("\\s+"));
      assertThat(named).allSatisfy(n -> assertThat(MODULE.resolve("target").resolve(n)).exists());
      // By artifact, not file: a checkout's lib folder keeps older versions of upgraded jars.
      try (java.util.stream.Stream<Path> lib = Files.list(MODULE.resolve("target/lib"))) {
        assertThat(named.stream().map(LauncherScriptIT::artifact).toList())
            .containsAll(lib.map(f -> artifact("lib/" + f.getFileName())).toList());
      }
    }
  }

  private static String artifact(String jar) {
    return jar.replaceFirst("-\\d[^/]*$", "");
  }

  private record Result(int status, List<String> stdout) {}

  private Result distill(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash",
        root.resolve("distill").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("DISTILL_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
