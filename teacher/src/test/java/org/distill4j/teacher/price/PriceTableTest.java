package org.distill4j.teacher.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Price lookup: exact, dated snapshot, user override; an unknown price stays unknown. */
class PriceTableTest {
  @TempDir Path dir;

  @Test
  void anExactNameFindsItsListedPrice() {
    PriceMatch m = PriceTable.shipped().find("openai", "gpt-4o-mini").orElseThrow();
    assertThat(m.snapshot()).isFalse();
    assertThat(m.price().input()).isEqualTo(0.15);
    assertThat(m.price().output()).isEqualTo(0.60);
    assertThat(m.price().currency()).isEqualTo("USD");
    assertThat(m.source()).contains("shipped").contains(PriceTable.shipped().taken());
  }

  @Test
  void aDatedSnapshotIsPricedAsItsFamilyButNeverByALooserPrefix() {
    PriceMatch m = PriceTable.shipped().find("openai", "gpt-4o-2024-08-06").orElseThrow();
    assertThat(m.snapshot()).isTrue();
    assertThat(m.price().model()).isEqualTo("gpt-4o");
    assertThat(m.describe()).contains("priced as gpt-4o (dated snapshot)");
    assertThat(PriceTable.shipped().find("anthropic", "claude-sonnet-4-5-20250929"))
        .map(p -> p.price().model()).contains("claude-sonnet-4-5");
    assertThat(PriceTable.shipped().find("openai", "gpt-4-0613"))
        .map(p -> p.price().model()).contains("gpt-4");
    // A snapshot priced apart from its family has its own entry, and the exact name wins.
    assertThat(PriceTable.shipped().find("openai", "gpt-4o-2024-05-13"))
        .map(p -> p.price().input()).contains(5.0);
    // gpt-4o-mini-tts is not gpt-4o-mini, and gpt-4o-mini is not gpt-4o.
    assertThat(PriceTable.shipped().find("openai", "gpt-4o-mini-tts")).isEmpty();
    assertThat(PriceTable.snapshotBase("gpt-4o-mini")).isEmpty();
    assertThat(PriceTable.snapshotBase("gemini-2.0-flash-001")).contains("gemini-2.0-flash");
    assertThat(PriceTable.snapshotBase("llama3.2:latest")).contains("llama3.2");
  }

  @Test
  void anUnknownModelOrALocalServerHasNoPriceNotZero() {
    assertThat(PriceTable.shipped().find("openai", "Qwen2.5-7B-Instruct")).isEmpty();
    assertThat(PriceTable.shipped().find("ollama", "llama3.2")).isEmpty();
    // The provider is part of the key: a name is not priced under another provider.
    assertThat(PriceTable.shipped().find("ollama", "gpt-4o")).isEmpty();
    assertThat(PriceTable.shipped().find(null, "gpt-4o")).isEmpty();
  }

  @Test
  void aUserEntryOverridesTheShippedOneAndCanDeclareAModelFree() throws Exception {
    Path file = Files.writeString(dir.resolve("prices.yaml"), """
        currency: EUR
        models:
          - {provider: openai, model: gpt-4o, input: 2.0, output: 8.0}
          - {provider: ollama, model: llama3.2, input: 0, output: 0}
        """);
    PriceTable table = PriceTable.withUserFile(file);
    PriceMatch over = table.find("openai", "gpt-4o").orElseThrow();
    assertThat(over.price().input()).isEqualTo(2.0);
    assertThat(over.price().currency()).isEqualTo("EUR");
    assertThat(over.source()).isEqualTo(file.toString());
    // The snapshot rule reaches the user's entry too.
    assertThat(table.find("openai", "gpt-4o-2024-11-20")).map(PriceMatch::source)
        .contains(file.toString());
    PriceMatch free = table.find("ollama", "llama3.2:latest").orElseThrow();
    assertThat(free.price().free()).isTrue();
    assertThat(free.price().cost(TokenCounts.of(1_000_000, 1_000_000))).isZero();
    // Entries the user did not mention keep their shipped price.
    assertThat(table.find("openai", "gpt-4o-mini")).map(m -> m.price().input()).contains(0.15);
  }

  @Test
  void syncCachedAndBatchTokensArePricedApart() {
    ModelPrice p = PriceTable.shipped().find("openai", "gpt-4o").orElseThrow().price();
    // 1M prompt tokens of which 400k cached, 100k out; plus 2M in / 200k out through the batch
    // API at half price: 0.6*2.50 + 0.4*1.25 + 0.1*10 + 2*1.25 + 0.2*5 = 1.5+0.5+1+2.5+1 = 6.5
    double cost = p.cost(new TokenCounts(1_000_000, 400_000, 100_000),
        TokenCounts.of(2_000_000, 200_000));
    assertThat(cost).isCloseTo(6.5, within(1e-9));
    assertThat(p.batchInput()).isEqualTo(1.25);
    assertThat(p.batchOutput()).isEqualTo(5.0);
  }

  @Test
  void aBrokenUserFileIsReportedAtItsLine() throws Exception {
    Path noOutput = Files.writeString(dir.resolve("a.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: gpt-4o, input: 2.0}
        """);
    assertThatThrownBy(() -> PriceTable.withUserFile(noOutput))
        .isInstanceOf(InputException.class).hasMessageStartingWith(noOutput + ":3:")
        .hasMessageContaining("\"output\" is missing").hasMessageContaining("write 0");
    Path noCurrency = Files.writeString(dir.resolve("b.yaml"), """
        models:
          - {provider: openai, model: gpt-4o, input: 2.0, output: 8.0}
        """);
    assertThatThrownBy(() -> PriceTable.withUserFile(noCurrency))
        .isInstanceOf(InputException.class).hasMessageStartingWith(noCurrency + ":2:")
        .hasMessageContaining("no currency");
    Path negative = Files.writeString(dir.resolve("c.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: gpt-4o, input: -1, output: 8.0}
        """);
    assertThatThrownBy(() -> PriceTable.withUserFile(negative))
        .isInstanceOf(InputException.class).hasMessageStartingWith(negative + ":3:");
  }
}
