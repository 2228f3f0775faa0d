package org.distill4j.training.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytePairTokenizerTest {
  private static final List<String> TEXTS = List.of(
      "PersonX goes to the store xIntent", "to buy food", "PersonX goes to work xNeed",
      "to get dressed", "PersonX buys a gift for PersonY xIntent", "to be kind",
      "Steel is heavier than styrofoam.", "What do people use to cut paper? scissors");

  @Test
  void roundTripsTrainingAndUnseenText() {
    BytePairTokenizer bpe = BytePairTokenizer.learn(TEXTS, 220);
    for (String text : TEXTS) {
      assertThat(bpe.decode(bpe.encode(text))).isEqualTo(text);
    }
    String unseen = "PersonZ drinks coffee, then (quickly) leaves: 42 times!";
    assertThat(bpe.decode(bpe.encode(unseen))).isEqualTo(unseen);
    assertThat(bpe.encode("PersonX goes")).allMatch(id -> id >= TextTokenizer.SPECIALS)
        .allMatch(id -> id < bpe.vocabularySize());
  }

  @Test
  void mergesFrequentPiecesIntoSingleTokens() {
    BytePairTokenizer bpe = BytePairTokenizer.learn(TEXTS, 300);
    assertThat(bpe.encode("PersonX")).hasSize(1);
    assertThat(bpe.vocabularySize()).isLessThanOrEqualTo(300);
  }

  @Test
  void unknownCharactersMapToUnknownNotToSpecials() {
    BytePairTokenizer bpe = BytePairTokenizer.learn(TEXTS, 150);
    List<Integer> ids = bpe.encode("日本");
    assertThat(ids).isNotEmpty().allMatch(id -> id == TextTokenizer.SPECIALS);
  }

  @Test
  void sameCorpusSameVocabularyAndSaveLoadKeepsIds(@TempDir Path dir) throws Exception {
    BytePairTokenizer a = BytePairTokenizer.learn(TEXTS, 250);
    BytePairTokenizer b = BytePairTokenizer.learn(TEXTS, 250);
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    a.save(dir);
    TextTokenizer loaded = TokenizerFiles.load(dir);
    assertThat(loaded.fingerprint()).isEqualTo(a.fingerprint());
    for (String text : TEXTS) {
      assertThat(loaded.encode(text)).isEqualTo(a.encode(text));
    }
    assertThat(BytePairTokenizer.learn(TEXTS.subList(0, 4), 250).fingerprint())
        .isNotEqualTo(a.fingerprint());
  }
}
