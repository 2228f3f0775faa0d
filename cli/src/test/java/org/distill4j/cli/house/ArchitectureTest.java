package org.distill4j.cli.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules on imports, checked on the compiled main classes of every module (cli's test
 * class path holds them all): no package cycle anywhere, and each module imports only the
 * modules below it. A new cycle or an upward import fails the build here, naming the classes.
 */
class ArchitectureTest {
  /** Module → its root package. */
  private static final Map<String, String> PACKAGES = new LinkedHashMap<>();
  /** Module → the modules it may import (besides itself). */
  private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

  static {
    module("core", "org.distill4j.core..");
    module("teacher", "org.distill4j.teacher..", "core");
    module("neural", "org.distill4j.neural..", "core");
    // The four stages meet only through core records and the support modules below them.
    module("generation", "org.distill4j.generation..", "core", "teacher");
    module("filtering", "org.distill4j.filtering..", "core", "teacher", "neural");
    module("knowledge-base", "org.distill4j.kb..", "core", "neural");
    // Export reads corpora and writes files for other tools; it needs nothing but core.
    module("export", "org.distill4j.export..", "core");
    module("training", "org.distill4j.training..", "core", "neural");
    module("pipeline", "org.distill4j.pipeline..",
        "core", "teacher", "neural", "generation", "filtering", "knowledge-base", "training");
    module("cli", "org.distill4j.cli..", "core", "teacher", "neural", "generation", "filtering",
        "knowledge-base", "export", "training", "pipeline");
  }

  private static void module(String name, String pkg, String... allowed) {
    PACKAGES.put(name, pkg);
    ALLOWED.put(name, List.of(allowed));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // Another module's test jar (e.g. teacher's FakeTeacherServer) is test code too.
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("org.distill4j");
  }

  @Test
  void noPackageCycleAnywhere() {
    slices().matching("org.distill4j.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void eachModuleImportsOnlyTheModulesBelowIt() {
    for (Map.Entry<String, String> m : PACKAGES.entrySet()) {
      List<String> forbidden = PACKAGES.entrySet().stream()
          .filter(o -> !o.getKey().equals(m.getKey()))
          .filter(o -> !ALLOWED.get(m.getKey()).contains(o.getKey()))
          .map(Map.Entry::getValue)
          .toList();
      noClasses().that().resideInAPackage(m.getValue())
          .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
          .because(m.getKey() + " may import only " + ALLOWED.get(m.getKey()))
          .check(classes);
    }
  }
}
