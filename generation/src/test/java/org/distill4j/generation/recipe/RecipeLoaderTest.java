package org.distill4j.generation.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.seed.Seed;
import org.distill4j.teacher.ChatTurn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's recipes load and render; broken recipes fail with the file named. */
class RecipeLoaderTest {
  private static final Path PROMPTS = Path.of("..", "prompts");

  @TempDir Path dir;

  @Test
  void everyShippedRecipeLoadsAndRenders() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(PROMPTS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains(
        "commonsense-atomic.yaml", "commonsense-events.yaml", "comparatives.yaml",
        "qa-from-passage.yaml", "rationale.yaml");
    for (Path f : files) {
      RecipeLoader.LoadedRecipe loaded = RecipeLoader.load(f);
      Recipe r = loaded.recipe();
      assertThat(loaded.hash()).hasSize(64);
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      for (String in : r.inputs()) {
        fields.put(in, "value of " + in);
      }
      List<RenderedPrompt> prompts = new PromptRenderer(r).render(new Seed(fields, new SourceLocation(f, 1)));
      assertThat(prompts).hasSize(Math.max(1, r.expand().size()));
      for (RenderedPrompt p : prompts) {
        ChatTurn user = p.messages().get(p.messages().size() - 1);
        assertThat(user.role()).isEqualTo(ChatTurn.Role.USER);
        assertThat(user.text()).doesNotContain("{{").contains("value of " + r.inputs().get(0));
      }
    }
  }

  @Test
  void atomicRecipeExpandsOverSevenRelations() {
    Recipe r = RecipeLoader.load(PROMPTS.resolve("commonsense-atomic.yaml")).recipe();
    assertThat(r.expand()).extracting(m -> m.get("relation"))
        .containsExactly("xIntent", "xNeed", "xAttr", "xEffect", "xReact", "xWant", "HinderedBy");
  }

  @Test
  void hashChangesWithParsingButNotWithFormatting() throws IOException {
    Path a = write("a.yaml", base("{{item}}"));
    Path b = write("b.yaml", "# a comment\n" + base("{{item}}").replace("kind: triple", "kind:   triple"));
    Path c = write("c.yaml", base("{{item}} x"));
    assertThat(RecipeLoader.load(a).hash()).isEqualTo(RecipeLoader.load(b).hash());
    assertThat(RecipeLoader.load(a).hash()).isNotEqualTo(RecipeLoader.load(c).hash());
  }

  @Test
  void unknownVariableUnknownKeyAndMissingFieldAreReported() throws IOException {
    Path unknownVar = write("v.yaml", base("{{item}}").replace("Event: {{event}}", "Event: {{evnt}}"));
    assertThatThrownBy(() -> RecipeLoader.load(unknownVar)).isInstanceOf(InputException.class)
        .hasMessageContaining("v.yaml").hasMessageContaining("{{evnt}}");
    Path typo = write("t.yaml", base("{{item}}").replace("sampling:", "sampeling:"));
    assertThatThrownBy(() -> RecipeLoader.load(typo)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml:").hasMessageContaining("sampeling");
    Path missing = write("m.yaml", base("{{item}}").replace(", tail: \"{{item}}\"", ""));
    assertThatThrownBy(() -> RecipeLoader.load(missing)).isInstanceOf(InputException.class)
        .hasMessageContaining("\"tail\"");
    Path badFormat = write("f.yaml", base("{{item}}").replace("format: lines", "format: xml"));
    assertThatThrownBy(() -> RecipeLoader.load(badFormat)).hasMessageContaining("json or lines");
  }

  @Test
  void aJsonRecipeMayNameTheReplySchemaAndABadOneIsReported() throws IOException {
    String json = base("{{tail}}").replace("format: lines", "format: json");
    Recipe r = RecipeLoader.load(write("s.yaml",
        json + "  schema: {tail: string, tags: strings}\n")).recipe();
    assertThat(r.replySchema().name()).isEqualTo("t");
    assertThat(r.replySchema().fields()).containsExactly(
        Map.entry("tags", "strings"), Map.entry("tail", "string"));
    assertThat(RecipeLoader.load(write("n.yaml", json)).recipe().replySchema()).isNull();
    Path badType = write("b.yaml", json + "  schema: {tail: text}\n");
    assertThatThrownBy(() -> RecipeLoader.load(badType)).isInstanceOf(InputException.class)
        .hasMessageContaining("b.yaml").hasMessageContaining("output.schema")
        .hasMessageContaining("string, strings, number, boolean");
    Path lines = write("l.yaml", base("{{item}}") + "  schema: {tail: string}\n");
    assertThatThrownBy(() -> RecipeLoader.load(lines)).isInstanceOf(InputException.class)
        .hasMessageContaining("needs output.format json");
  }

  @Test
  void missingSeedFieldNamesTheSeedLine() throws IOException {
    Recipe r = RecipeLoader.load(write("a.yaml", base("{{item}}"))).recipe();
    Seed seed = new Seed(Map.of("text", "x"), new SourceLocation(Path.of("seeds.jsonl"), 17));
    assertThatThrownBy(() -> new PromptRenderer(r).render(seed)).isInstanceOf(InputException.class)
        .hasMessageStartingWith("seeds.jsonl:17: seed field \"event\" is missing");
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static String base(String tail) {
    return """
        id: t
        version: "1"
        kind: triple
        inputs: [event]
        user: |
          Event: {{event}}
        sampling: {n: 1, max_tokens: 50}
        output:
          format: lines
          fields: {head: "{{event}}", relation: xWant, tail: "%s"}
        """.formatted(tail);
  }

  /**
   * Copies {@code source} with the first {@code key:} at line {@code line} (1-based) renamed to
   * {@code typo}; the error must name that line, whatever the depth of the key.
   */
  private Path withTypo(Path source, int line, String key, String typo) throws IOException {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(source));
    String original = lines.get(line - 1);
    assertThat(original).contains(key + ":");
    lines.set(line - 1, original.replaceFirst(java.util.regex.Pattern.quote(key + ":"), typo + ":"));
    Path f = dir.resolve("typo.yaml");
    Files.write(f, lines);
    return f;
  }

  @Test
  void aTypoedKeyIsReportedAtItsOwnLineAndInTheUsersSpelling() throws IOException {
    Path atomic = PROMPTS.resolve("commonsense-atomic.yaml");
    record Case(int line, String key, String typo, String section) {}
    for (Case c : List.of(new Case(2, "id", "ids", ""), new Case(34, "temperature", "temprature",
        " in sampling"), new Case(34, "seed", "sed", " in sampling"), new Case(37, "max_reasks",
        "max_reask", " in output"), new Case(28, "assistant", "asistant", " in examples[0]"),
        new Case(41, "tail", "tial", ""))) {
      Path f = withTypo(atomic, c.line(), c.key(), c.typo());
      String expected = c.key().equals("tail")
          ? f + ":41: output.fields.tial is not a field of kind triple"
          : f + ":" + c.line() + ": unknown key \"" + c.typo() + "\"" + c.section()
              + "; expected one of ";
      assertThatThrownBy(() -> RecipeLoader.load(f)).isInstanceOf(InputException.class)
          .message().startsWith(expected).doesNotContain("java.", "Recipe$", "`");
    }
  }

  @Test
  void aWrongTypeNamesTheKeyAsWrittenAndItsLine() throws IOException {
    String text = Files.readString(PROMPTS.resolve("commonsense-atomic.yaml"))
        .replace("max_tokens: 200", "max_tokens: abc");
    Path f = dir.resolve("type.yaml");
    Files.writeString(f, text);
    assertThatThrownBy(() -> RecipeLoader.load(f)).isInstanceOf(InputException.class)
        .hasMessage(f + ":34: \"sampling.max_tokens\" must be an integer, found \"abc\"");
    Files.writeString(f, text.replace("max_tokens: abc", "max_tokens: 200")
        .replace("format: lines", "format: csv"));
    assertThatThrownBy(() -> RecipeLoader.load(f)).isInstanceOf(InputException.class)
        .message().startsWith(f + ":36: field \"output.format\" must be json or lines");
  }
}
