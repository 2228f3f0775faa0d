package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFileTest {
  @TempDir Path dir;

  record Sampling(Integer n, Double temperature, @JsonProperty("max_tokens") Integer maxTokens) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = Step.Length.class, name = "length"),
      @JsonSubTypes.Type(value = Step.Dedup.class, name = "dedup")})
  sealed interface Step {
    record Length(@JsonProperty("max_words") Integer maxWords) implements Step {}

    record Dedup(Double threshold) implements Step {
      public Dedup {
        if (threshold != null && threshold > 1) {
          throw new IllegalArgumentException("field \"threshold\" must be at most 1, found "
              + threshold);
        }
      }
    }
  }

  record Config(String name, Sampling sampling, List<Step> steps, List<String> tags) {}

  private static final String VALID = """
      name: demo
      # a comment
      sampling:
        n: 2

        temperature: 0.7
        max_tokens: 256
      steps:
        - type: length
          max_words: 12
        - type: dedup
          threshold: 0.8
      tags: [a, b]
      """;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, text);
    return f;
  }

  private String errorOf(String text) throws Exception {
    Path f = write(text);
    try {
      YamlFile.read(f, Config.class);
    } catch (InputException e) {
      return e.getMessage().replace(f.toString(), "F");
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  void readsAValidFileAndKnowsWhereEachKeyIs() throws Exception {
    YamlFile<Config> y = YamlFile.read(write(VALID), Config.class);
    assertThat(y.value().sampling().maxTokens()).isEqualTo(256);
    assertThat(y.where("sampling", "max_tokens").line()).isEqualTo(7);
    assertThat(y.where("steps", 1, "threshold").line()).isEqualTo(12);
    assertThat(y.where("steps", 1).line()).isEqualTo(11);
    assertThat(y.where("sampling", "absent").line()).isEqualTo(3);
  }

  @Test
  void anUnknownKeyIsReportedAtItsOwnLineAtEveryDepth() throws Exception {
    assertThat(errorOf(VALID.replace("temperature:", "temprature:")))
        .startsWith("F:6: unknown key \"temprature\" in sampling; expected one of max_tokens,"
            + " n, temperature");
    assertThat(errorOf(VALID.replace("name: demo", "nmae: demo")))
        .startsWith("F:1: unknown key \"nmae\"; expected one of");
    assertThat(errorOf(VALID.replace("max_words", "max_wrods")))
        .startsWith("F:10: unknown key \"max_wrods\" in steps[0]; expected one of max_words");
    assertThat(errorOf(VALID.replace("threshold", "treshold")))
        .startsWith("F:12: unknown key \"treshold\" in steps[1]");
    // The last key of a section, where the parser has already read past the section's end.
    assertThat(errorOf(VALID.replace("max_tokens:", "max_toknes:")))
        .startsWith("F:7: unknown key \"max_toknes\" in sampling");
    // The last key of the file: never a line past its end.
    assertThat(errorOf(VALID.replace("tags:", "tagz:")))
        .startsWith("F:13: unknown key \"tagz\"; expected one of name, sampling, steps, tags");
  }

  @Test
  void aWrongTypeNamesTheKeyAndTheValueNeverAJavaType() throws Exception {
    String e = errorOf(VALID.replace("max_tokens: 256", "max_tokens: abc"));
    assertThat(e).isEqualTo("F:7: \"sampling.max_tokens\" must be an integer, found \"abc\"");
    assertThat(errorOf(VALID.replace("n: 2", "n: [1, 2]")))
        .isEqualTo("F:4: \"sampling.n\" must be an integer, found a list");
    assertThat(errorOf(VALID.replace("tags: [a, b]", "tags: 5")))
        .isEqualTo("F:13: \"tags\" must be a list, found 5");
    assertThat(errorOf(VALID.replace("sampling:\n  n: 2", "sampling: 3\nx:\n  n: 2")))
        .startsWith("F:3: \"sampling\" must be a section of keys, found 3");
    assertThat(errorOf(VALID.replace("max_tokens: 256", "max_tokens: abc"))).doesNotContain(
        "java", "Integer", "`");
  }

  @Test
  void numbersOutOfRangeOrNotWholeAreAtTheirKeys() throws Exception {
    assertThat(errorOf(VALID.replace("max_tokens: 256", "max_tokens: 99999999999")))
        .isEqualTo("F:7: \"sampling.max_tokens\" is out of range, found 99999999999");
    assertThat(errorOf(VALID.replace("n: 2", "n: 1.5")))
        .isEqualTo("F:4: \"sampling.n\" must be an integer, found 1.5");
  }

  @Test
  void anUnknownOrMissingTypeAndARefusedValueAreAtTheirKeys() throws Exception {
    assertThat(errorOf(VALID.replace("type: dedup", "type: dedpu")))
        .startsWith("F:11: unknown type \"dedpu\" in steps[1]; expected one of length, dedup");
    assertThat(errorOf(VALID.replace("- type: dedup\n    threshold", "- threshold")))
        .startsWith("F:11: \"type\" is missing in steps[1]");
    assertThat(errorOf(VALID.replace("threshold: 0.8", "threshold: 3")))
        .isEqualTo("F:12: field \"threshold\" must be at most 1, found 3.0");
  }

  @Test
  void syntaxErrorsDuplicateKeysAndBadBytesHaveTheirLine() throws Exception {
    assertThat(errorOf(VALID.replace("tags: [a, b]", "tags: [a, b"))).startsWith("F:1")
        .contains("not valid YAML");
    assertThat(errorOf(VALID.replace("  n: 2", "  n: 2\n  n: 3")))
        .startsWith("F:5: key \"n\" is written twice (first at line 4)");
    Path f = dir.resolve("bytes.yaml");
    Files.write(f, ("name: demo\nsampling:\n  n: 2\ntags: [\"caf").getBytes());
    Files.write(f, new byte[] {(byte) 0xe9, '"', ']', '\n'}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> YamlFile.read(f, Config.class)).isInstanceOf(InputException.class)
        .hasMessage(f + ":4: bytes that are not UTF-8 at column 12; save the file as UTF-8");
  }

  @Test
  void anEmptyFileHasNoValue() throws Exception {
    assertThat(YamlFile.read(write("# nothing\n"), Config.class).value()).isNull();
  }
}
