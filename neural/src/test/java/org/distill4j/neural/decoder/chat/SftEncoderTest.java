package org.distill4j.neural.decoder.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.neural.decoder.chat.ChatMessage.assistant;
import static org.distill4j.neural.decoder.chat.ChatMessage.system;
import static org.distill4j.neural.decoder.chat.ChatMessage.user;
import static org.distill4j.neural.decoder.chat.WordTokenizers.masked;
import static org.distill4j.neural.decoder.chat.WordTokenizers.tokens;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftEncoderTest {
  @TempDir Path dir;

  private static final List<ChatMessage> TWO_TURNS = List.of(
      user("Hi"), assistant("Hello there"), user("Why?"), assistant("Because!"));

  private SftEncoder encoder(String template, String bos, String eos, String bosAdded, int max) {
    Path folder = ModelFolders.withTemplate(dir, template, bos, eos);
    HuggingFaceTokenizer tokenizer = WordTokenizers.open(folder, bosAdded);
    return new SftEncoder(ChatTemplate.load(folder), tokenizer, max);
  }

  @Test
  void chatMlTargetsEachAssistantTurnAndItsImEnd() {
    SftExample e = encoder(ModelFolders.CHATML, null, "<|im_end|>", null, 100).encode(TWO_TURNS);

    assertThat(tokens(e.ids())).containsExactly(
        "<|im_start|>", "system", "You", "are", "a", "careful", "helper", ".", "<|im_end|>",
        "<|im_start|>", "user", "Hi", "<|im_end|>",
        "<|im_start|>", "assistant", "Hello", "there", "<|im_end|>",
        "<|im_start|>", "user", "Why", "?", "<|im_end|>",
        "<|im_start|>", "assistant", "Because", "!", "<|im_end|>");
    assertThat(masked(e.ids(), e.lossMask()))
        .containsExactly("Hello", "there", "<|im_end|>", "Because", "!", "<|im_end|>");
    assertThat(e.cutTokens()).isZero();
  }

  @Test
  void llama3WritesItsOwnBosSoTheTokenizerAddsNone() {
    SftExample e = encoder(ModelFolders.LLAMA3, "<|begin_of_text|>", "<|eot_id|>",
        "<|begin_of_text|>", 100).encode(List.of(system("Be brief."), user("Hi"),
            assistant(" Hello! ")));

    assertThat(tokens(e.ids())).startsWith("<|begin_of_text|>", "<|start_header_id|>", "system")
        .filteredOn("<|begin_of_text|>"::equals).hasSize(1);
    assertThat(masked(e.ids(), e.lossMask())).containsExactly("Hello", "!", "<|eot_id|>");
  }

  @Test
  void mistralLeavesTheSpaceBeforeTheReplyAndTargetsTheEos() {
    SftExample e = encoder(ModelFolders.MISTRAL, "<s>", "</s>", "<s>", 100).encode(TWO_TURNS);

    assertThat(tokens(e.ids())).containsExactly("<s>", "[INST]", "Hi", "[/INST]", "Hello",
        "there", "</s>", "[INST]", "Why", "?", "[/INST]", "Because", "!", "</s>");
    assertThat(masked(e.ids(), e.lossMask()))
        .containsExactly("Hello", "there", "</s>", "Because", "!", "</s>");
  }

  @Test
  void theTokenizerAddsTheBosWhenTheTemplateWritesNone() {
    String noBos = ModelFolders.MISTRAL.replace("{{- bos_token }}", "");
    SftExample e = encoder(noBos, "<s>", "</s>", "<s>", 100).encode(TWO_TURNS);

    assertThat(tokens(e.ids())).startsWith("<s>", "[INST]");
  }

  @Test
  void theFallbackFormatTargetsTheReplyAndEos() {
    SftExample e = encoder(null, "<s>", "</s>", null, 100)
        .encode(List.of(user("Hi"), assistant("Hello 😀 é")));

    assertThat(tokens(e.ids())).containsExactly("<s>", "user", ":", "Hi", "assistant", ":",
        "Hello", "😀", "é", "</s>");
    // Code points, not UTF-16 units: the emoji would shift every span after it.
    assertThat(masked(e.ids(), e.lossMask())).containsExactly("Hello", "😀", "é", "</s>");
  }

  @Test
  void cutsFromTheEndAndSaysHowMuch() {
    SftExample e = encoder(ModelFolders.CHATML, null, "<|im_end|>", null, 20).encode(TWO_TURNS);

    assertThat(e.length()).isEqualTo(20);
    assertThat(e.cutTokens()).isEqualTo(8);
    assertThat(masked(e.ids(), e.lossMask())).containsExactly("Hello", "there", "<|im_end|>");
  }

  @Test
  void refusesAnExampleWithNoAssistantTokenLeft() {
    SftEncoder encoder = encoder(ModelFolders.CHATML, null, "<|im_end|>", null, 10);

    assertThatThrownBy(() -> encoder.encode(TWO_TURNS))
        .hasMessageContaining("no assistant token is left after cutting to 10 tokens")
        .hasMessageContaining("first assistant token is at 15");
    assertThatThrownBy(() -> encoder.encode(List.of(user("Hi"))))
        .hasMessageContaining("no assistant content to train on: [user]");
  }

  @Test
  void refusesATemplateThatRewritesEarlierTurns() {
    String rewrites = "{% for m in messages %}{% if m.role == 'assistant' and not loop.last %}"
        + "(old){% endif %}{{ m.content }}{% endfor %}";
    SftEncoder encoder = encoder(rewrites, null, null, null, 100);

    assertThatThrownBy(() -> encoder.encode(TWO_TURNS))
        .hasMessageContaining("tokenizer_config.json: the chat template does not render")
        .hasMessageContaining("assistant message 1 cannot be located");
  }

  @Test
  void templateRefusalsPassThrough() {
    SftEncoder encoder = encoder(ModelFolders.MISTRAL, "<s>", "</s>", "<s>", 100);

    assertThatThrownBy(() -> encoder.encode(List.of(user("Hi"), user("Hi"), assistant("x"))))
        .isInstanceOf(ChatTemplateException.class);
  }

  @Test
  void aRealWordPieceTokenizerWithANormalizerMapsSpansToTheOriginalText() throws Exception {
    Path folder = ModelFolders.withTemplate(dir, null, "[CLS]", "[SEP]");
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      Files.write(folder.resolve("tokenizer.json"), in.readAllBytes());
    }
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
        .optTokenizerPath(folder.resolve("tokenizer.json")).optTruncation(false).build()) {
      SftEncoder encoder = new SftEncoder(ChatTemplate.load(folder), tokenizer, 64);

      SftExample e = encoder.encode(List.of(user("Où est le café?"), assistant("Très près, 😀!")));

      long[] ids = e.ids();
      long[] targets = tokenizer.encode("Très près, 😀![SEP]", false, false).getIds();
      assertThat(Arrays.stream(ids).filter(id -> id == ids[0]).count()).as("one [CLS]")
          .isEqualTo(1);
      assertThat(targetIds(ids, e.lossMask(), targets.length)).containsExactly(targets);
    }
  }

  /** The ids where the mask is 1, checked to number {@code expected}. */
  private static long[] targetIds(long[] ids, int[] mask, int expected) {
    long[] out = new long[expected];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (mask[i] == 1) {
        assertThat(n).as("more targets than expected").isLessThan(expected);
        out[n++] = ids[i];
      }
    }
    return out;
  }

  @Test
  void padIsThePadTokenOrElseEos() {
    assertThat(encoder(ModelFolders.CHATML, null, "<|im_end|>", null, 100).padId())
        .isEqualTo(WordTokenizers.vocabulary().indexOf("<|im_end|>"));
  }

  @Test
  void refusesATokenizerThatTruncatesByItself() throws Exception {
    Path folder = ModelFolders.withTemplate(dir, ModelFolders.CHATML, null, null);
    WordTokenizers.open(folder, null).close();
    HuggingFaceTokenizer truncating = HuggingFaceTokenizer.newInstance(
        folder.resolve("tokenizer.json"));

    assertThatThrownBy(() -> new SftEncoder(ChatTemplate.load(folder), truncating, 100))
        .hasMessageContaining("optTruncation(false)");
  }
}
