package org.distill4j.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  // Characters where the one-pass path and the general definition could part ways: every kind of
  // whitespace \s and strip() know, the trailing marks, case, controls, and non-ASCII forms.
  private static final String ALPHABET = " \t\n\u000B\f\r\u001C\u001F.!?;,:-'\"aZbYz09"
      + "\u00A0\u2003\u3000\uFF33\u00C9\u00E9\u0301\u2028\u0085\u007F\u00DF";

  @Test
  void theFastPathAgreesWithTheGeneralDefinitionOnRandomText() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int fastPathTaken = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(12);
      // Half the strings use ASCII only, so the fast path is exercised often.
      int range = random.nextBoolean() ? 29 : ALPHABET.length();
      for (int j = 0; j < len; j++) {
        b.append(ALPHABET.charAt(random.nextInt(range)));
      }
      String text = b.toString();
      String fast = TextNormalizer.normalizePlainAscii(text);
      if (fast != null) {
        fastPathTaken++;
        assertThat(fast).as("seed %d, text [%s]", seed, escape(text))
            .isEqualTo(TextNormalizer.normalizeUnicode(text));
      }
      assertThat(TextNormalizer.normalize(text)).as("seed %d, text [%s]", seed, escape(text))
          .isEqualTo(TextNormalizer.normalizeUnicode(text));
    }
    assertThat(fastPathTaken).isGreaterThan(50_000);
  }

  @Test
  void textOutsidePlainAsciiTakesTheGeneralPath() {
    assertThat(TextNormalizer.normalizePlainAscii("caf\u00E9")).isNull();
    assertThat(TextNormalizer.normalizePlainAscii("a\u001Fb")).isNull();
    assertThat(TextNormalizer.normalize("  \uFF33teel\u3000IS\theavy!! ")).isEqualTo("steel is heavy");
    assertThat(TextNormalizer.normalizePlainAscii("  Steel  IS\theavy . ! ")).isEqualTo("steel is heavy");
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return b.toString();
  }
}
