package org.distill4j.filtering.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter types users can write are exactly the registered ones, and errors list them. */
class FilterTypesTest {
  @TempDir Path dir;

  @Test
  void anUnknownTypeListsTheRegisteredTypes() throws Exception {
    Path f = Files.writeString(dir.resolve("chain.yaml"), "filters:\n  - type: no-such\n");
    String registered = String.join(", ", FilterSpec.types());
    assertThatThrownBy(() -> ChainConfig.read(f)).isInstanceOf(InputException.class)
        .hasMessage(f + ":2: unknown type \"no-such\" in filters[0]; expected one of "
            + registered);
  }

  @Test
  void theTypeListIsTheRegistrations() {
    JsonSubTypes.Type[] entries = FilterSpec.class.getAnnotation(JsonSubTypes.class).value();
    assertThat(FilterSpec.types()).containsExactlyElementsOf(
        Arrays.stream(entries).map(JsonSubTypes.Type::name).toList());
    // Every spec record is registered once, so each builds under exactly one type id.
    assertThat(Arrays.stream(entries).map(JsonSubTypes.Type::value).distinct().count())
        .isEqualTo(FilterSpec.class.getPermittedSubclasses().length)
        .isEqualTo(entries.length);
    assertThat(FilterSpec.types()).contains("length", "near-dedup", "judge", "self-consistency");
  }

  @Test
  void aRegisteredTypeBuildsItsOwnStage() throws Exception {
    Path f = Files.writeString(dir.resolve("chain.yaml"),
        "filters:\n  - type: length\n  - type: copy\n    max_overlap: 0.5\n"
            + "  - type: self-consistency\n    name: sc\n");
    ChainConfig config = ChainConfig.read(f);
    try (ChainConfig.Chain chain = config.stages(dir)) {
      assertThat(chain.stages()).extracting(s -> s.name() + "/" + s.type())
          .containsExactly("length/length", "copy/copy", "sc/self-consistency");
    }
    assertThat(config.thresholds()).containsExactly(java.util.Map.entry("copy", 0.5));
  }
}
