package org.distill4j.neural.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.bert.BertEncoder;
import org.distill4j.neural.bert.BertFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled all-MiniLM-L6-v2, imported from its ONNX file into a Hugging Face folder and run
 * by the DJL encoder, gives the embeddings ONNX Runtime gives through LangChain4j.
 */
class ImportedMiniLmTest {
  @TempDir static Path dir;
  static Path folder;

  @BeforeAll
  static void importOnce() throws Exception {
    folder = dir.resolve("minilm");
    OnnxBertImporter.importBuiltin(folder);
  }

  @Test
  void theFolderHoldsABertConfigTheWeightsAndTheTokenizer() throws Exception {
    JsonNode config = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
    assertThat(config.get("hidden_size").asInt()).isEqualTo(384);
    assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(6);
    // Read from the graph's attention scaling, sqrt(32): no tensor shape says 12.
    assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
    assertThat(config.get("intermediate_size").asInt()).isEqualTo(1536);
    assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);
    assertThat(config.get("max_position_embeddings").asInt()).isEqualTo(512);
    assertThat(config.get("type_vocab_size").asInt()).isEqualTo(2);
    assertThat(config.get("hidden_act").asText()).isEqualTo("gelu");
    assertThat(config.get("model_type").asText()).isEqualTo("bert");
    // 22.7M float32 weights plus a small header.
    assertThat(Files.size(folder.resolve(BertFolder.WEIGHTS))).isBetween(90_000_000L, 91_000_000L);
    assertThat(Files.size(folder.resolve(BertFolder.TOKENIZER))).isEqualTo(711_661L);
  }

  @Test
  void djlEmbeddingsEqualOnnxRuntimeOnes() throws Exception {
    List<String> sentences = sentences(200, new Random(20261203L));
    AllMiniLmL6V2EmbeddingModel onnx = new AllMiniLmL6V2EmbeddingModel();
    float[][] djl;
    try (BertEncoder encoder = BertEncoder.load(folder)) {
      djl = encoder.embed(sentences, 16);
    }
    double min = 1;
    String worst = "";
    for (int i = 0; i < sentences.size(); i++) {
      float[] expected = onnx.embed(sentences.get(i)).content().vector();
      double cosine = cosine(expected, djl[i]);
      if (cosine < min) {
        min = cosine;
        worst = sentences.get(i);
      }
    }
    System.out.printf("min cosine DJL vs ONNX Runtime over %d sentences: %.9f, 1 - min = %.3e"
        + " (%s)%n", sentences.size(), min, 1 - min,
        worst.length() > 60 ? worst.substring(0, 60) + "…" : worst);
    // The measure can tell sentences apart: unrelated ones are far below the bar.
    assertThat(cosine(djl[8], djl[150])).isLessThan(0.9);
    assertThat(min).as("worst sentence: %s", worst).isGreaterThanOrEqualTo(0.9999);
    // The bar alone passes a tanh-approximated GELU (1 - min = 2.3e-6, measured);
    // exact GELU measured 1.1e-12. This bar holds the encoder to the exact one.
    assertThat(1 - min).as("worst sentence: %s", worst).isLessThan(1e-8);
  }

  @Test
  void savingAndLoadingAgainGivesTheSameEmbeddings() throws Exception {
    List<String> sentences = sentences(20, new Random(7));
    Path again = dir.resolve("again");
    float[][] before;
    try (BertEncoder encoder = BertEncoder.load(folder)) {
      before = encoder.embed(sentences, 8);
      encoder.save(again);
    }
    try (BertEncoder reloaded = BertEncoder.load(again)) {
      assertThat(reloaded.embed(sentences, 8)).isDeepEqualTo(before);
    }
    assertThat(Files.readAllBytes(again.resolve(BertFolder.WEIGHTS)))
        .isEqualTo(Files.readAllBytes(folder.resolve(BertFolder.WEIGHTS)));
  }

  @Test
  void theLongSentencesAreCutWhereTheTokenizerFileSays() throws Exception {
    // all-MiniLM-L6-v2's tokenizer.json truncates at 128 tokens, for LangChain4j and for the
    // encoder alike: the comparison above covers cut sentences only if some are that long.
    try (HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.newInstance(folder.resolve(BertFolder.TOKENIZER))) {
      List<String> sentences = sentences(200, new Random(20261203L));
      long cut = sentences.stream()
          .filter(s -> s.split(" ").length > 128)
          .filter(s -> tokenizer.encode(s, true, false).getIds().length == 128)
          .count();
      assertThat(cut).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void gradientsReachTheEmbeddingsAndTheLastLayer() throws Exception {
    try (BertEncoder encoder = BertEncoder.load(folder);
        NDManager scope = NDManager.newBaseManager()) {
      Map<String, Parameter> parameters = encoder.block().parametersByName();
      parameters.values().forEach(p -> p.getArray().setRequiresGradient(true));
      NDList inputs = encoder.inputs(scope, List.of("a short one", "and a somewhat longer one"));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray pooled = encoder.pooled(new ParameterStore(scope, false), inputs, true);
        // Pull both sentences' vectors apart: any loss that depends on every layer will do.
        collector.backward(pooled.get(0).dot(pooled.get(1)));
      }
      for (String name : List.of("embeddings.word_embeddings.weight",
          "encoder.layer.5.output.dense.weight", "encoder.layer.0.attention.self.query.bias")) {
        NDArray gradient = parameters.get(name).getArray().getGradient();
        assertThat(gradient.abs().sum().getFloat()).as(name).isGreaterThan(0f);
      }
    }
  }

  @Test
  void aConfigThatDoesNotFitTheWeightsIsRefusedNamingFileAndTensor() throws Exception {
    Path edited = dir.resolve("edited");
    Files.createDirectories(edited);
    for (String file : List.of(BertFolder.WEIGHTS, BertFolder.TOKENIZER)) {
      Files.createSymbolicLink(edited.resolve(file), folder.resolve(file));
    }
    Files.writeString(edited.resolve("config.json"), Files.readString(folder.resolve("config.json"))
        .replace("\"vocab_size\" : 30522", "\"vocab_size\" : 30000"));

    assertThatThrownBy(() -> BertEncoder.load(edited))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(BertFolder.WEIGHTS)
        .hasMessageContaining("embeddings.word_embeddings.weight");
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static final String[] WORDS = {
    "the", "model", "learns", "quickly", "from", "a", "teacher", "distillation", "is", "cheap",
    "Java", "runs", "everywhere", "tokens", "unbelievably", "transformer", "attention", "cat",
    "sat", "on", "mat", "café", "naïve", "Zürich", "東京", "данные", "Ελληνικά", "😀", "🚀",
    "don't", "it's", "e-mail", "C++", "3.14159", "42", "1,000,000", "2026-12-03", "#hashtag",
    "@user", "https://example.org/a?b=c", "x²", "€5", "——", "…", "(parenthesis)", "\"quoted\"",
  };
  private static final String[] ENDINGS = {".", "!", "?", "", "...", ";", " :)"};

  /** Short, long (a few hundred tokens, under LangChain4j's 510), odd and near-empty texts. */
  static List<String> sentences(int count, Random random) {
    List<String> out = new ArrayList<>(List.of(
        "a", ".", "?", "😀", "  x  ", "42", "é", "東", "Hello, world!", "UPPER CASE TEXT"));
    while (out.size() < count) {
      int kind = random.nextInt(10);
      int length = kind == 0 ? 150 + random.nextInt(150) : kind < 4 ? 1 + random.nextInt(4)
          : 5 + random.nextInt(30);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          text.append(random.nextInt(12) == 0 ? ", " : " ");
        }
        String word = WORDS[random.nextInt(WORDS.length)];
        text.append(i == 0 && random.nextBoolean()
            ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      }
      out.add(text.append(ENDINGS[random.nextInt(ENDINGS.length)]).toString());
    }
    return out.subList(0, count);
  }
}
