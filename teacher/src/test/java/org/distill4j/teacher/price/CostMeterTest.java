package org.distill4j.teacher.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.tokens.CharEstimateCounter;
import org.junit.jupiter.api.Test;

/** The meter adds earlier invocations' spend to its own and says stop at the limit. */
class CostMeterTest {
  private static final ModelPrice PRICE =
      new ModelPrice("openai", "m", "USD", 1.0, null, 2.0, null, null);
  private static final TeacherRequest REQUEST =
      TeacherRequest.of(List.of(ChatTurn.user("12345678")), null);

  @Test
  void stopsOnceTheWholeRunHasSpentTheLimit() {
    // 0.5 spent earlier, 1.0 allowed: each reply costs 100k*1 + 50k*2 per million = 0.2.
    CostMeter meter = new CostMeter(PRICE, 0.5, 1.0, new CharEstimateCounter());
    TeacherReply reply = new TeacherReply("x", TeacherReply.Finish.STOP, 100_000, 50_000, "m");
    assertThat(meter.afterReply(REQUEST, reply)).isNull();
    assertThat(meter.afterReply(REQUEST, reply)).isNull();
    String stop = meter.afterReply(REQUEST, reply);
    assertThat(meter.spent()).isCloseTo(0.6, within(1e-9));
    assertThat(meter.total()).isCloseTo(1.1, within(1e-9));
    assertThat(stop).isEqualTo("max cost reached (spent 1.10 USD of 1.00 USD when sending stopped)");
  }

  @Test
  void aReplyWithoutUsageIsPricedFromCountedTokensAndSaysSo() {
    CostMeter meter = new CostMeter(PRICE, 0, null, new CharEstimateCounter());
    // 8 characters of prompt = 2 tokens, 4 of reply = 1 token: 2*1 + 1*2 = 4 per million.
    assertThat(meter.afterReply(REQUEST, new TeacherReply("abcd", TeacherReply.Finish.STOP,
        null, null, "m"))).isNull();
    assertThat(meter.estimatedReplies()).isEqualTo(1);
    assertThat(meter.spent()).isCloseTo(4e-6, within(1e-15));
    assertThat(meter.reached()).isFalse();
  }
}
