package org.distill4j.neural.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.testing.TinyBert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertClassifierTest {
  @TempDir static Path dir;
  static Path base;
  static final List<TextPair> TEXTS = List.of(
      TextPair.of("Steel is heavier than styrofoam."),
      new TextPair("Where do you keep milk?", "In the refrigerator, because it spoils when warm."),
      new TextPair("Why?", "No reason at all."));

  @BeforeAll
  static void makeBase() throws Exception {
    base = TinyBert.write(dir.resolve("base"), 3, 0.1);
  }

  @Test
  void savedClassifierLoadsWithIdenticalLogitsAndTransformersNames() throws Exception {
    Path saved = dir.resolve("critic");
    float[][] before;
    try (BertClassifier critic =
        BertClassifier.create(base, BertHead.binary("rejected", "accepted"), null, 64, 11)) {
      before = critic.logits(TEXTS, 2);
      critic.save(saved);
    }
    try (BertClassifier loaded = BertClassifier.load(saved, 64)) {
      assertThat(loaded.logits(TEXTS, 2)).isDeepEqualTo(before);
      assertThat(loaded.head()).isEqualTo(BertHead.binary("rejected", "accepted"));
    }
    JsonNode config = new ObjectMapper().readTree(saved.resolve("config.json").toFile());
    assertThat(config.at("/architectures/0").asText()).isEqualTo("BertForSequenceClassification");
    assertThat(config.at("/id2label/1").asText()).isEqualTo("accepted");
    assertThat(config.at("/label2id/rejected").asInt()).isEqualTo(0);
    assertThat(config.get("problem_type").asText()).isEqualTo("single_label_classification");
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = BertFolder.readAll(manager, saved);
      assertThat(tensors.get("classifier.weight").getShape().toString()).isEqualTo("(2, 32)");
      assertThat(tensors).containsKeys("bert.pooler.dense.weight",
          "bert.embeddings.word_embeddings.weight",
          "bert.encoder.layer.1.attention.self.query.weight");
      assertThat(tensors.keySet()).noneMatch(name -> name.contains("lora"));
    }
    assertThat(saved.resolve("tokenizer.json")).exists();
  }

  @Test
  void multipleChoiceHeadSavesAsBertForMultipleChoiceWithOneOutput() throws Exception {
    Path saved = dir.resolve("scorer");
    float[][] before;
    try (BertClassifier scorer = BertClassifier.create(base, BertHead.multipleChoice(), null,
        64, 5)) {
      before = scorer.logits(TEXTS, 8);
      assertThat(before[0]).hasSize(1);
      scorer.save(saved);
    }
    try (BertClassifier loaded = BertClassifier.load(saved, 64)) {
      assertThat(loaded.logits(TEXTS, 8)).isDeepEqualTo(before);
      assertThat(loaded.head().kind()).isEqualTo(BertHead.Kind.MULTIPLE_CHOICE);
    }
    JsonNode config = new ObjectMapper().readTree(saved.resolve("config.json").toFile());
    assertThat(config.at("/architectures/0").asText()).isEqualTo("BertForMultipleChoice");
  }

  @Test
  void batchingAndPaddingDoNotChangeALogit() throws Exception {
    try (BertClassifier critic = BertClassifier.create(base, BertHead.reranker(), null, 64, 1)) {
      float[][] together = critic.logits(TEXTS, 3);
      for (int i = 0; i < TEXTS.size(); i++) {
        float alone = critic.logits(List.of(TEXTS.get(i)), 1)[i - i][0];
        assertThat(together[i][0]).isCloseTo(alone, within(1e-5f));
      }
    }
  }

  @Test
  void aLongPairIsCutFromItsLongerSideAndKeepsBothSegments() throws Exception {
    String longText = "the river runs past the old mill and on to the sea ".repeat(20);
    try (BertClassifier critic = BertClassifier.create(base, BertHead.reranker(), null, 24, 1);
        NDManager scope = NDManager.newBaseManager()) {
      var inputs = critic.inputs(scope, List.of(new TextPair("short question here", longText)));
      long[] types = inputs.get(1).toLongArray();
      assertThat(types).hasSize(24);
      // [CLS] short question here [SEP] = 5 tokens of type 0, all kept; the rest is the passage.
      assertThat(types).containsSubsequence(0L, 0L, 0L, 0L, 0L, 1L);
      assertThat(java.util.Arrays.stream(types).filter(t -> t == 0).count()).isEqualTo(5);
    }
  }

  @Test
  void adaptersStartAsTheBaseAndMergeIntoTheSavedWeights() throws Exception {
    LoraSettings lora = LoraSettings.queryValue(4, 8);
    Path saved = dir.resolve("merged");
    try (BertClassifier plain = BertClassifier.create(base, BertHead.reranker(), null, 64, 9);
        BertClassifier adapted = BertClassifier.create(base, BertHead.reranker(), lora, 64, 9)) {
      assertThat(adapted.logits(TEXTS, 3)).isDeepEqualTo(plain.logits(TEXTS, 3));
      assertThat(adapted.parameters()).containsKeys(
          "bert.encoder.layer.0.attention.self.query.lora_A.weight",
          "bert.encoder.layer.1.attention.self.value.lora_B.weight");
      // Give B a value, as training would, so the merge has something to merge.
      for (var entry : adapted.parameters().entrySet()) {
        if (entry.getKey().contains("lora_B")) {
          NDArray b = entry.getValue().getArray();
          b.addi(b.onesLike().mul(0.05f));
        }
      }
      float[][] tuned = adapted.logits(TEXTS, 3);
      assertThat(tuned[1][0]).isNotCloseTo(plain.logits(TEXTS, 3)[1][0], within(1e-4f));
      adapted.save(saved);
      try (BertClassifier loaded = BertClassifier.load(saved, 64)) {
        float[][] merged = loaded.logits(TEXTS, 3);
        for (int i = 0; i < TEXTS.size(); i++) {
          assertThat(merged[i][0]).isCloseTo(tuned[i][0], within(1e-4f));
        }
      }
    }
  }

  @Test
  void aFolderWithoutTheHeadOrAMissingTensorIsNamed() throws Exception {
    assertThatThrownBy(() -> BertClassifier.load(base, 64))
        .hasMessageContaining("config.json")
        .hasMessageContaining("BertForSequenceClassification");
    Path broken = dir.resolve("broken");
    TinyBert.write(broken, 4, 0.1);
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = BertFolder.readAll(manager, broken);
      var kept = new ai.djl.ndarray.NDList();
      tensors.forEach((name, array) -> {
        if (!name.equals("encoder.layer.1.output.dense.bias")) {
          kept.add(array);
        }
      });
      BertFolder.writeWeights(kept, broken);
    }
    assertThatThrownBy(() ->
        BertClassifier.create(broken, BertHead.reranker(), null, 64, 1))
        .hasMessageContaining("model.safetensors")
        .hasMessageContaining("encoder.layer.1.output.dense.bias");
    assertThat(Files.exists(broken.resolve("config.json"))).isTrue();
  }
}
