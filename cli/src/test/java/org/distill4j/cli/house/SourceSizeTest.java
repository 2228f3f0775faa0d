package org.distill4j.cli.house;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sizes a reader can hold in mind: no main source file over 400 lines, no method or constructor
 * over 60 (declaration to closing brace, lambdas inside included). Parsed with JavaParser, so
 * strings, comments and nested classes are counted as the compiler sees them.
 */
class SourceSizeTest {
  static final int MAX_FILE_LINES = 400;
  static final int MAX_METHOD_LINES = 60;

  @Test
  void noMainFileOrMethodIsTooLongToHoldInMind() throws IOException {
    List<String> over = new ArrayList<>();
    List<Path> files = mainSources();
    assertThat(files).as("main sources found under " + repoRoot()).hasSizeGreaterThan(200);
    StaticJavaParser.setConfiguration(
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    for (Path file : files) {
      String text = Files.readString(file);
      long lines = text.lines().count();
      Path shown = repoRoot().relativize(file);
      if (lines > MAX_FILE_LINES) {
        over.add(shown + ": " + lines + " lines (file)");
      }
      CompilationUnit unit = StaticJavaParser.parse(text);
      for (CallableDeclaration<?> c : unit.findAll(CallableDeclaration.class)) {
        int span = c.getEnd().get().line - c.getBegin().get().line + 1;
        if (span > MAX_METHOD_LINES) {
          over.add(shown + ":" + c.getBegin().get().line + ": " + c.getNameAsString() + " "
              + span + " lines");
        }
      }
    }
    assertThat(over).as("files over %d lines, methods over %d", MAX_FILE_LINES, MAX_METHOD_LINES)
        .isEmpty();
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repoRoot())) {
      for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
        Path src = module.resolve("src/main/java");
        if (Files.isDirectory(src)) {
          try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
          }
        }
      }
    }
    return out;
  }

  /** The reactor root: the cli module's parent, which holds the root pom. */
  private static Path repoRoot() {
    Path cli = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path root = cli.getParent();
    if (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("core"))) {
      throw new IllegalStateException("not run from the cli module of a distill4j checkout: " + cli);
    }
    return root;
  }
}
