package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingExceptionTest {
  @Test
  void theMessageNamesTheSettingAsEachFrontEndSpellsIt() {
    SettingException e = new SettingException("timeout_seconds",
        "{setting} must be above 0, found -1; set {setting} to the seconds one request may take");
    assertThat(e).isInstanceOf(InputException.class);
    assertThat(e.getMessage()).isEqualTo("timeout_seconds must be above 0, found -1;"
        + " set timeout_seconds to the seconds one request may take");
    assertThat(e.renderedAs(Map.of("timeout_seconds", "--timeout")::get))
        .startsWith("--timeout must be above 0").endsWith("set --timeout to the seconds one request may take");
    assertThat(e.renderedAs(s -> "generate.teacher." + s))
        .startsWith("generate.teacher.timeout_seconds must be above 0");
    assertThat(new SettingException("limit", "must not be negative, found -3")
        .renderedAs(s -> "--" + s)).isEqualTo("--limit: must not be negative, found -3");
  }
}
