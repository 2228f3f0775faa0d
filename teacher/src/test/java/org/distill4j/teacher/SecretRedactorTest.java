package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
  private final SecretRedactor redactor = SecretRedactor.of(List.of("sk-abc-123456"));

  @Test
  void masksTheKnownKeyWhereverItIs() {
    assertThat(redactor.redact("Incorrect API key provided: sk-abc-123456."))
        .isEqualTo("Incorrect API key provided: [REDACTED].");
    assertThat(redactor.redactValues("key=sk-abc-123456;")).isEqualTo("key=[REDACTED];");
  }

  @Test
  void masksHeaderLikeValuesOfUnknownKeys() {
    SecretRedactor none = SecretRedactor.patternsOnly();
    assertThat(none.redact("Authorization: Bearer other-token-9")).isEqualTo(
        "Authorization: Bearer [REDACTED]");
    assertThat(none.redact("{\"x-api-key\": \"k-777\", \"n\": 1}"))
        .isEqualTo("{\"x-api-key\": \"[REDACTED]\", \"n\": 1}");
    assertThat(none.redact("api_key=zzz9 and then")).isEqualTo("api_key=[REDACTED] and then");
    assertThat(none.redact("sent with bearer abcdefgh")).isEqualTo("sent with bearer [REDACTED]");
    assertThat(none.redact("no secrets here")).isEqualTo("no secrets here");
    assertThat(none.redact(null)).isNull();
  }

  @Test
  void ignoresKeysTooShortToBeKeys() {
    // Local servers accept any key; a "x" key must not mask every x.
    assertThat(SecretRedactor.of(List.of("x", " ")).redact("six")).isEqualTo("six");
  }
}
