package org.distill4j.neural.decoder.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class StrftimeTest {
  private static final LocalDateTime TIME = LocalDateTime.of(2026, 3, 7, 14, 5, 9);

  @Test
  void formatsTheDirectivesChatTemplatesUse() {
    assertThat(Strftime.format("%d %b %Y", TIME)).isEqualTo("07 Mar 2026");
    assertThat(Strftime.format("%A %B %H:%M:%S %% %y-%m", TIME))
        .isEqualTo("Saturday March 14:05:09 % 26-03");
  }

  @Test
  void refusesAnUnknownDirective() {
    assertThatThrownBy(() -> Strftime.format("%Q", TIME))
        .hasMessageContaining("strftime directive %Q");
  }
}
