package org.distill4j.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTextTokenizerTest {
  // A small word-level tokenizer.json written by hand: the format a user would bring.
  private static final String JSON = """
      {"version":"1.0","truncation":null,"padding":null,"added_tokens":[
        {"id":0,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,
         "normalized":false,"special":true}],
       "normalizer":{"type":"Lowercase"},
       "pre_tokenizer":{"type":"Whitespace"},
       "post_processor":null,
       "decoder":{"type":"WordPiece","prefix":"##","cleanup":true},
       "model":{"type":"WordLevel","vocab":{"[UNK]":0,"personx":1,"goes":2,"home":3,"to":4,
         "sleep":5},"unk_token":"[UNK]"}}
      """;

  @Test
  void shiftsIdsPastTheSpecialsAndRoundTrips(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("tokenizer.json"), JSON);
    HuggingFaceTextTokenizer tok = HuggingFaceTextTokenizer.load(file);
    assertThat(tok.vocabularySize()).isEqualTo(6 + TextTokenizer.SPECIALS);
    assertThat(tok.encode("PersonX goes home")).containsExactly(5, 6, 7);
    assertThat(tok.decode(tok.encode("personx goes to sleep"))).isEqualTo("personx goes to sleep");
    tok.save(dir.resolve("copy"));
    assertThat(TokenizerFiles.load(dir.resolve("copy")).fingerprint()).isEqualTo(tok.fingerprint());
  }

  @Test
  void missingFileIsAnInputError(@TempDir Path dir) {
    assertThatThrownBy(() -> HuggingFaceTextTokenizer.load(dir.resolve("nope.json")))
        .isInstanceOf(InputException.class).hasMessageContaining("nope.json");
  }
}
