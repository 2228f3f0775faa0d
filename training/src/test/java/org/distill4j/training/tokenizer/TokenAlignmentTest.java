package org.distill4j.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.logprob.TeacherToken;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.training.loss.TopKTargets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teacher tokens in both spellings servers use, against a real byte-level tokenizer file. */
class TokenAlignmentTest {
  @TempDir Path dir;
  private Path file;
  private TokenAlignment vocab;

  @BeforeEach
  void writeTokenizer() throws Exception {
    file = dir.resolve("tokenizer.json");
    // A byte-level BPE file as GPT-2 / Qwen2 write them, cut down to a few tokens.
    Files.writeString(file, """
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [{"id": 7, "content": "<|endoftext|>", "single_word": false,
           "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
         "normalizer": null,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
           "use_regex": true},
         "post_processor": null,
         "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
           "use_regex": true},
         "model": {"type": "BPE", "dropout": null, "unk_token": null,
           "continuing_subword_prefix": null, "end_of_word_suffix": null,
           "fuse_unk": false, "byte_fallback": false,
           "vocab": {"the": 0, "\\u0120the": 1, "\\u0120cat": 2, "\\u00e2\\u0122": 3,
             "\\u010a": 4, "t": 5, "h": 6},
           "merges": []}}
        """, StandardCharsets.UTF_8);
    vocab = TokenAlignment.load(file);
  }

  @Test
  void vllmSpellingOpenAiTextAndOpenAiBytesAllFindTheirId() {
    assertThat(vocab.id(TeacherToken.of("\u0120the"))).isEqualTo(1); // vLLM: vocabulary spelling
    assertThat(vocab.id(TeacherToken.of(" the"))).isEqualTo(1); // OpenAI: decoded text
    assertThat(vocab.id(TeacherToken.of("the"))).isEqualTo(0);
    assertThat(vocab.id(TeacherToken.of("\n"))).isEqualTo(4);
    // OpenAI: the first two bytes of an em dash, text unusable, bytes exact.
    assertThat(vocab.id(new TeacherToken("bytes:\\xe2\\x80",
        new byte[] {(byte) 0xe2, (byte) 0x80}))).isEqualTo(3);
    assertThat(vocab.id(TeacherToken.of("<|endoftext|>"))).isEqualTo(7);
    assertThat(vocab.id(TeacherToken.of(" dog"))).isEqualTo(-1);
  }

  private static TokenLogprobs reply(String... alternatives) {
    TokenLogprobs.Builder b = TokenLogprobs.builder(3);
    for (String t : alternatives) {
      b.position(TeacherToken.of(t), -0.5).alternative(TeacherToken.of(t), -0.5)
          .alternative(TeacherToken.of(" cat"), -1.5);
    }
    return b.build();
  }

  @Test
  void aTeacherWithAnotherTokenizerIsRefusedWithModelFileAndCount() {
    assertThat(vocab.requireSameTokenizer(List.of(reply(" the", "the")), "qwen")).containsExactly(0, 6);
    assertThatThrownBy(() -> vocab.requireSameTokenizer(List.of(reply(" the", "\u2581dog")),
        "meta-llama/Llama-2-7b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("2 of 6 tokens of teacher \"meta-llama/Llama-2-7b\"");
  }

  @Test
  void targetsHoldStudentIdsAndMaskPaddingAndUnknownTokens() {
    TopKTargets t = TopKTargets.of(List.of(reply(" the", " dog"), reply("the", "the", "the")),
        vocab, 3, 3);
    assertThat(t.ids()).startsWith(1, 2, 0);
    assertThat(t.logprobs()[0]).isEqualTo(-0.5f);
    assertThat(t.valid()).startsWith(1, 1, 0, 1, 0, 0);
    // Row 0: " dog" is unknown but " cat" maps; the third position is padding.
    assertThat(t.mask()).containsExactly(1, 1, 0, 1, 1, 1);
    assertThat(t.logprobs()[2]).isEqualTo(Float.NEGATIVE_INFINITY);
  }
}
