package org.distill4j.teacher.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.api.EncodingType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token counts checked against values published elsewhere, not against this code's own output:
 * OpenAI's cookbook ("How to count tokens with tiktoken") encodes "tiktoken is great!" with
 * cl100k_base as [83, 1609, 5963, 374, 2294, 0], six tokens; the tokenmeter-core crate's
 * documentation asserts that o200k_base counts "Пользователи — это наше всё." as 9 tokens.
 */
class TokenCountersTest {
  @TempDir Path dir;

  @Test
  void openAiEncodingsMatchPublishedCounts() {
    assertThat(new TiktokenCounter(EncodingType.CL100K_BASE).countText("tiktoken is great!"))
        .isEqualTo(6);
    assertThat(new TiktokenCounter(EncodingType.O200K_BASE)
        .countText("Пользователи — это наше всё.")).isEqualTo(9);
  }

  @Test
  void chatMessagesAddTheCookbooksRuleOfThumb() {
    TiktokenCounter cl100k = new TiktokenCounter(EncodingType.CL100K_BASE);
    // "user" and "system" are one token each in both encodings (common English words).
    assertThat(cl100k.countText("user")).isEqualTo(1);
    // 3 per message + role + text, and 3 priming the reply: 3 + 1 + 6 + 3 = 13.
    assertThat(cl100k.count(List.of(ChatTurn.user("tiktoken is great!")))).isEqualTo(13);
    assertThat(cl100k.count(List.of(ChatTurn.system("tiktoken is great!"),
        ChatTurn.user("tiktoken is great!")))).isEqualTo(23);
    assertThat(cl100k.method()).contains("cl100k_base").contains("3 tokens per message");
  }

  @Test
  void eachOpenAiFamilyGetsItsOwnEncodingAndOthersAnEstimate() {
    assertThat(TiktokenCounter.encodingFor("gpt-4o-mini")).contains(EncodingType.O200K_BASE);
    assertThat(TiktokenCounter.encodingFor("gpt-4.1-nano")).contains(EncodingType.O200K_BASE);
    assertThat(TiktokenCounter.encodingFor("o3-mini")).contains(EncodingType.O200K_BASE);
    assertThat(TiktokenCounter.encodingFor("gpt-4-0613")).contains(EncodingType.CL100K_BASE);
    assertThat(TiktokenCounter.encodingFor("gpt-3.5-turbo")).contains(EncodingType.CL100K_BASE);
    assertThat(TiktokenCounter.encodingFor("Qwen2.5-7B-Instruct")).isEmpty();
    assertThat(TiktokenCounter.encodingFor("omni-model")).isEmpty();
    try (TokenCounter c = TokenCounters.forTeacher(new TeacherId("anthropic", "claude-haiku-4-5"),
        null)) {
      assertThat(c.exact()).isFalse();
      assertThat(c.method()).startsWith("estimate: characters / 4");
      // 18 characters: 5 tokens (rounded up).
      assertThat(c.count(List.of(ChatTurn.user("tiktoken is great!")))).isEqualTo(5);
    }
    try (TokenCounter c = TokenCounters.forTeacher(new TeacherId("openai", "gpt-4o"), null)) {
      assertThat(c.exact()).isTrue();
      assertThat(c.method()).startsWith("o200k_base");
    }
  }

  @Test
  void aTokenizerJsonCountsWithTheOpenModelsOwnVocabulary() throws Exception {
    // A word-level tokenizer: one token per word or punctuation run, <unk> for the rest.
    Path file = Files.writeString(dir.resolve("tokenizer.json"), """
        {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
         "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null,
         "decoder": null,
         "model": {"type": "WordLevel", "unk_token": "<unk>",
                   "vocab": {"<unk>": 0, "the": 1, "cat": 2, "sat": 3, ".": 4}}}
        """);
    try (TokenCounter c = TokenCounters.forTeacher(new TeacherId("openai", "gpt-4o"), dir)) {
      assertThat(c.exact()).isTrue();
      assertThat(c.method()).contains(file.toString()).contains("chat template");
      assertThat(c.countText("the cat sat.")).isEqualTo(4);
      assertThat(c.countText("the dog sat")).isEqualTo(3);
      assertThat(c.count(List.of(ChatTurn.system("the cat"), ChatTurn.user("sat .")))).isEqualTo(4);
    }
    assertThatThrownBy(() -> TokenizerJsonCounter.open(dir.resolve("missing.json")))
        .isInstanceOf(InputException.class).hasMessageContaining("tokenizer file not found");
  }
}
