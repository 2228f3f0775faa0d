package org.distill4j.neural.decoder.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.neural.decoder.Generator;
import org.distill4j.neural.decoder.chat.ChatMessage;
import org.distill4j.neural.decoder.chat.ChatTemplate;
import org.distill4j.neural.decoder.chat.SftEncoder;
import org.distill4j.neural.decoder.chat.SftExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderInitTest {
  @TempDir Path dir;

  private static final List<String> TEXTS = List.of("PersonX bakes bread xIntent",
      "to eat", "PersonX buys a car xIntent", "to drive", "PersonX reads a book xNeed",
      "to open it", "to eat bread");

  @Test
  void theVocabularyPutsSpecialTokensAndRolesFirstThenWordsByFrequency() {
    List<String> vocabulary = WordVocabulary.learn(TEXTS, 12);
    assertThat(vocabulary).hasSize(12);
    assertThat(vocabulary.subList(0, 7)).containsExactly("<|endoftext|>", "<|im_start|>",
        "<|im_end|>", "<unk>", "system", "user", "assistant");
    assertThat(vocabulary.subList(7, 12)).containsExactly("to", "PersonX", "bread", "xIntent",
        "eat");
    assertThatThrownBy(() -> WordVocabulary.learn(TEXTS, 5))
        .hasMessageContaining("at least 8 tokens");
  }

  @Test
  void aNewFolderLoadsTrainsInChatFormAndGeneratesUntilTheEndOfATurn() throws Exception {
    List<String> vocabulary = WordVocabulary.learn(TEXTS, 40);
    DecoderConfig config = DecoderInit.write(dir, new DecoderShape(32, 2, 4, 2, 64, 64),
        vocabulary, 3);
    assertThat(config.vocabSize()).isEqualTo(vocabulary.size());
    try (DecoderLm model = DecoderLm.load(dir, null, Device.cpu(), 0);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
            .optTokenizerPath(dir.resolve("tokenizer.json")).optTruncation(false).build()) {
      assertThat(model.stopIds()).containsExactly(2);
      ChatTemplate template = ChatTemplate.load(dir);
      assertThat(template.isFallback()).isFalse();
      SftEncoder encoder = new SftEncoder(template, tokenizer, 64);
      SftExample example = encoder.encode(List.of(ChatMessage.user("PersonX bakes bread xIntent"),
          ChatMessage.assistant("to eat")));
      // <|im_start|> user PersonX bakes bread xIntent <|im_end|> <|im_start|> assistant to eat
      // <|im_end|>: only "to eat <|im_end|>" is learnt.
      assertThat(example.ids()).hasSize(12);
      assertThat(example.lossMask()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
      assertThat(tokenizer.decode(example.ids(), true)).isEqualTo(
          "user PersonX bakes bread xIntent assistant to eat");
      long[] prompt = encoder.prompt(List.of(ChatMessage.user("PersonX buys a car xIntent")));
      long[] reply = new Generator(model).generate(prompt,
          GenerationSettings.greedy(5, model.stopIds()));
      assertThat(reply.length).isBetween(1, 5);
    }
  }
}
