package org.distill4j.kb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.distill4j.core.io.SettingException;
import org.junit.jupiter.api.Test;

class RemoteEndpointTest {
  private static final Duration T = RemoteEndpoint.DEFAULT_TIMEOUT;
  private static final String URL = "http://localhost:3030/kb";

  @Test
  void secretsComeFromTheNamedVariablesAndAreNeverPrinted() {
    RemoteEndpoint bearer = RemoteEndpoint.fromSettings(URL, "TOKEN", null, null, T,
        Map.of("TOKEN", " t0ken\n")::get);
    assertThat(bearer.authorization()).isEqualTo("Bearer t0ken");
    assertThat(bearer.toString()).isEqualTo(URL + " (bearer token)");

    RemoteEndpoint basic = RemoteEndpoint.fromSettings(URL, null, "ann", "PW", T,
        Map.of("PW", "pä55:word")::get);
    assertThat(basic.authorization()).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("ann:pä55:word".getBytes(StandardCharsets.UTF_8)));
    assertThat(basic.toString()).isEqualTo(URL + " (basic authentication)")
        .doesNotContain("pä55");
    assertThat(RemoteEndpoint.open(URL).toString()).isEqualTo(URL + " (no authentication)");
  }

  @Test
  void badSettingsNameTheSetting() {
    assertThatThrownBy(() -> RemoteEndpoint.fromSettings(URL, "NOPE", null, null, T,
        Map.<String, String>of()::get))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("endpoint_token_env");
          assertThat(e.getMessage()).isEqualTo(
              "endpoint_token_env NOPE: the environment variable is not set or empty");
        });
    assertThatThrownBy(() -> RemoteEndpoint.fromSettings(URL, "T", "ann", "PW", T,
        Map.of("T", "x", "PW", "y")::get))
        .hasMessageContaining("alternatives");
    assertThatThrownBy(() -> RemoteEndpoint.fromSettings(URL, null, "ann", null, T,
        Map.<String, String>of()::get))
        .isInstanceOfSatisfying(SettingException.class,
            e -> assertThat(e.setting()).isEqualTo("endpoint_password_env"));
    for (String bad : new String[] {"localhost:3030/kb", "ftp://host/kb", "http:///kb",
        "http://host/kb?x=1"}) {
      assertThatThrownBy(() -> RemoteEndpoint.open(bad)).as(bad)
          .isInstanceOfSatisfying(SettingException.class,
              e -> assertThat(e.setting()).isEqualTo("endpoint"));
    }
    assertThatThrownBy(() -> new RemoteEndpoint(URL, null, Duration.ZERO))
        .hasMessageContaining("endpoint_timeout");
  }
}
