package org.distill4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.io.SettingException;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.generation.run.DryRun;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.generation.run.SettingNames;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run's projection for a small fixture: a word-level tokenizer.json (so the expected
 * count is the number of words and punctuation runs, counted here with the pre-tokenizer's own
 * pattern) and a user price of 1 per million prompt tokens and 2 per million completion tokens.
 */
class DryRunProjectionIT {
  /** The "Whitespace" pre-tokenizer's split: runs of word characters, runs of other non-space. */
  private static final Pattern WORDS = Pattern.compile("\\w+|[^\\w\\s]+");

  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path recipe;
  private Path seeds;
  private Path prices;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to pay\n2. to leave"));
    recipe = Files.writeString(dir.resolve("recipe.yaml"), """
        id: projection-test
        version: "1"
        kind: triple
        inputs: [event]
        expand:
          - {relation: xIntent, question: "Why?"}
          - {relation: xWant, question: "What next?"}
        system: Answer with a numbered list.
        user: |
          Event: {{event}}
          Question: {{question}}
        sampling: {n: 2, temperature: 0.9, max_tokens: 100, seed: 1}
        output:
          format: lines
          fields: {head: "{{event}}", relation: "{{relation}}", tail: "{{item}}"}
        """);
    seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread today\n");
    prices = Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        batch_discount: 0.5
        models:
          - {provider: openai, model: tiny-model, input: 1.0, output: 2.0}
        """);
    Files.writeString(dir.resolve("tokenizer.json"), """
        {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
         "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null,
         "decoder": null,
         "model": {"type": "WordLevel", "unk_token": "<unk>",
                   "vocab": {"<unk>": 0, "PersonX": 1, "the": 2, "Why": 3, "?": 4}}}
        """);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private GenerationJob job(String model, Long limit, Double maxCost) {
    return job(recipe, model, limit, maxCost, null);
  }

  private GenerationJob job(Path recipeFile, String model, Long limit, Double maxCost,
      Boolean batch) {
    TeacherConfig teacher = new TeacherConfig("openai", model, server.baseUrl(), null, 5.0);
    return new GenerationJob(recipeFile, seeds, null, List.of("event=0"), teacher,
        dir.resolve("run"), null, 1, null, limit, null, null, null,
        new CostOptions(prices, maxCost, dir), batch, null);
  }

  private static long words(RenderedPrompt p) {
    long n = 0;
    for (ChatTurn t : p.messages()) {
      Matcher m = WORDS.matcher(t.text());
      while (m.find()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void projectsTokensAndCostAndLearnsReplyLengthsFromTheCache() {
    Generation generation = new Generation(new ChatModelFactory(env -> null));
    DryRun cold = generation.dryRun(job("tiny-model", null, null), 100);
    // 3 seeds x 2 relations x 2 samples; nothing sent, nothing created.
    assertThat(cold.firstPrompts()).hasSize(6);
    assertThat(Files.exists(dir.resolve("run"))).isFalse();
    long perSample = cold.firstPrompts().stream().mapToLong(DryRunProjectionIT::words).sum();
    Projection p = cold.projection();
    assertThat(p.requests()).isEqualTo(12);
    assertThat(p.cached()).isZero();
    assertThat(p.exactCounting()).isTrue();
    assertThat(p.counting()).contains("tokenizer.json");
    assertThat(p.inputTokens()).isEqualTo(2 * perSample);
    assertThat(p.outputUpper()).isEqualTo(12 * 100);
    assertThat(p.meanOutput()).isNull();
    assertThat(p.cost().upper()).isCloseTo((2 * perSample * 1.0 + 1200 * 2.0) / 1e6,
        within(1e-12));
    assertThat(p.cost().typical()).isNull();
    assertThat(p.cost().price()).contains("openai/tiny-model").contains(prices.toString());

    // Answer the first seed's four requests (11 prompt, 7 completion tokens each, as reported).
    generation.run(job("tiny-model", 1L, null), ProgressListener.none());
    assertThat(server.received()).hasSize(4);

    DryRun warm = generation.dryRun(job("tiny-model", null, null), 100);
    long rest = warm.firstPrompts().subList(2, 6).stream()
        .mapToLong(DryRunProjectionIT::words).sum();
    Projection q = warm.projection();
    assertThat(q.cached()).isEqualTo(4);
    assertThat(q.toSend()).isEqualTo(8);
    assertThat(q.inputTokens()).isEqualTo(2 * rest);
    assertThat(q.outputUpper()).isEqualTo(8 * 100);
    assertThat(q.meanOutput()).isEqualTo(7.0);
    assertThat(q.outputTypical()).isEqualTo(8 * 7);
    assertThat(q.cost().typical()).isCloseTo((2 * rest + 56 * 2.0) / 1e6, within(1e-12));
    assertThat(q.cost().input()).isCloseTo(2 * rest / 1e6, within(1e-12));
    assertThat(server.received()).hasSize(4);
  }

  @Test
  void anUnknownPriceIsUnknownAndALimitOnItIsRefusedBeforeAnythingIsSent() {
    Generation generation = new Generation(new ChatModelFactory(env -> null));
    Projection p = generation.dryRun(job("other-model", null, null), 0).projection();
    assertThat(p.cost()).isNull();
    assertThat(p.unknownPrice()).isEqualTo("no price for openai/other-model");
    assertThatThrownBy(() -> generation.prepare(job("other-model", null, 5.0)))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingNames.MAX_COST);
          assertThat(e.getMessage()).contains("no price for openai/other-model");
        });
    assertThatThrownBy(() -> generation.prepare(job("tiny-model", null, 0.0)))
        .isInstanceOfSatisfying(SettingException.class,
            e -> assertThat(e.setting()).isEqualTo(SettingNames.MAX_COST));
    assertThat(server.received()).isEmpty();
    assertThat(Files.exists(dir.resolve("run"))).isFalse();
  }

  @Test
  void withBatchTheRequestsToSendArePricedAtTheBatchPrice() {
    Generation generation = new Generation(new ChatModelFactory(env -> null));
    Projection sync = generation.dryRun(job("tiny-model", null, null), 0).projection();
    Projection batch = generation.dryRun(job(recipe, "tiny-model", null, null, true), 0)
        .projection();

    assertThat(sync.batch()).isFalse();
    assertThat(batch.batch()).isTrue();
    assertThat(batch.inputTokens()).isEqualTo(sync.inputTokens());
    assertThat(batch.outputUpper()).isEqualTo(sync.outputUpper());
    // The file's batch_discount halves both prices.
    assertThat(batch.cost().upper()).isCloseTo(sync.cost().upper() / 2, within(1e-12));
    assertThat(batch.cost().input()).isCloseTo(sync.cost().input() / 2, within(1e-12));
    assertThat(batch.cost().price()).contains("batch API: 0.5 in, 1.0 out per million tokens");
    assertThat(server.received()).isEmpty();
    assertThat(Files.exists(dir.resolve("run"))).isFalse();
  }

  @Test
  void aLimitWithBatchNeedsMaxTokensToBoundWhatAJobMayCost() throws IOException {
    Path unbounded = Files.writeString(dir.resolve("unbounded.yaml"),
        Files.readString(recipe).replace(", max_tokens: 100", ""));
    Generation generation = new Generation(new ChatModelFactory(env -> null));
    assertThatThrownBy(() -> generation.settings(job(unbounded, "tiny-model", null, 5.0, true)))
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingNames.MAX_COST);
          assertThat(e.getMessage()).contains("the recipe sets no max_tokens");
        });
    // Without the batch, the limit stops sending as replies arrive: no bound needed.
    assertThat(generation.settings(job(unbounded, "tiny-model", null, 5.0, null)).batch())
        .isNull();
    assertThat(server.received()).isEmpty();
  }
}
