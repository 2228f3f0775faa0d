package org.distill4j.neural.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.UnknownFieldSet.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a small hand-built ModelProto, and naming its tensors the Hugging Face way. */
class OnnxGraphTest {
  private static final String QUERY = "/encoder/layer.0/attention/self/query/MatMul";

  @Test
  void readsNodesConstantsAndRawPackedAndNonFloatInitializers() throws Exception {
    OnnxGraph graph = OnnxGraph.parse(model(
        List.of(
            node(QUERY, "MatMul", List.of("x", "onnx::MatMul_1"), List.of("y"), null),
            node("/c", "Constant", List.of(), List.of("c_out"), rawTensor("", new long[0], 5.5f))),
        List.of(
            rawTensor("onnx::MatMul_1", new long[] {2, 3}, 1, 2, 3, 4, 5, 6),
            packedTensor("encoder.layer.0.attention.self.query.bias", 7f, 8f),
            message(Map.of(1, varints(1, 512), 2, varints(7), 8,
                bytes("embeddings.position_ids"))))));

    assertThat(graph.nodes()).hasSize(2);
    assertThat(graph.nodes().get(0).inputs()).containsExactly("x", "onnx::MatMul_1");
    assertThat(graph.nodes().get(1).constant()).containsExactly(5.5f);
    OnnxInitializer raw = graph.initializers().get(0);
    assertThat(raw.dims()).containsExactly(2, 3);
    assertThat(raw.values()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(graph.initializers().get(1).values()).containsExactly(7f, 8f);
    assertThat(graph.initializers().get(2).isFloat()).isFalse();
  }

  @Test
  void matMulWeightsTakeTheirNodesNameAndAreTransposedBack() throws Exception {
    OnnxGraph graph = new OnnxGraph(
        List.of(new OnnxNode(QUERY, "MatMul", List.of("x", "onnx::MatMul_1"), List.of("y"),
            new float[0])),
        List.of(new OnnxInitializer("onnx::MatMul_1", new long[] {2, 3}, 1,
            new float[] {1, 2, 3, 4, 5, 6})));

    OnnxInitializer weight = OnnxBertImporter.huggingFaceWeights(graph, "m.onnx")
        .get("encoder.layer.0.attention.self.query.weight");

    assertThat(weight.dims()).containsExactly(3, 2);
    assertThat(weight.values()).containsExactly(1, 4, 2, 5, 3, 6);
  }

  @Test
  void anAnonymousTensorNoMatMulReadsIsRefusedByNameAndFile() {
    OnnxGraph graph = new OnnxGraph(List.of(),
        List.of(new OnnxInitializer("onnx::MatMul_9", new long[] {1}, 1, new float[] {1})));

    assertThatThrownBy(() -> OnnxBertImporter.huggingFaceWeights(graph, "m.onnx"))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining("m.onnx")
        .hasMessageContaining("onnx::MatMul_9");
  }

  @Test
  void theHeadCountComesFromTheAttentionScaling() throws Exception {
    OnnxNode divisor = new OnnxNode("/c", "Constant", List.of(), List.of("c_out"),
        new float[] {(float) Math.sqrt(32)});
    OnnxNode div = new OnnxNode("/encoder/layer.0/attention/self/Div", "Div",
        List.of("scores", "c_out"), List.of("d"), new float[0]);

    assertThat(OnnxBertImporter.headsFromGraph(
        new OnnxGraph(List.of(divisor, div), List.of()), 384, "m.onnx")).isEqualTo(12);
    assertThatThrownBy(() -> OnnxBertImporter.headsFromGraph(
        new OnnxGraph(List.of(div), List.of()), 384, "m.onnx"))
        .hasMessageContaining("m.onnx").hasMessageContaining("head count");
  }

  /** A ModelProto whose graph (field 7) holds {@code nodes} (field 1) and tensors (field 5). */
  private static byte[] model(List<ByteString> nodes, List<ByteString> tensors) {
    UnknownFieldSet.Builder graph = UnknownFieldSet.newBuilder();
    nodes.forEach(n -> graph.mergeField(1, Field.newBuilder().addLengthDelimited(n).build()));
    tensors.forEach(t -> graph.mergeField(5, Field.newBuilder().addLengthDelimited(t).build()));
    return message(Map.of(7, graph.build().toByteString())).toByteArray();
  }

  private static ByteString node(
      String name, String op, List<String> inputs, List<String> outputs, ByteString tensor) {
    UnknownFieldSet.Builder node = UnknownFieldSet.newBuilder();
    inputs.forEach(i -> node.mergeField(1, Field.newBuilder().addLengthDelimited(bytes(i)).build()));
    outputs.forEach(o -> node.mergeField(2, Field.newBuilder().addLengthDelimited(bytes(o)).build()));
    node.mergeField(3, Field.newBuilder().addLengthDelimited(bytes(name)).build());
    node.mergeField(4, Field.newBuilder().addLengthDelimited(bytes(op)).build());
    if (tensor != null) {
      node.mergeField(5, Field.newBuilder()
          .addLengthDelimited(message(Map.of(1, bytes("value"), 5, tensor))).build());
    }
    return node.build().toByteString();
  }

  private static ByteString rawTensor(String name, long[] dims, float... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    return message(Map.of(1, varints(dims), 2, varints(1), 8, bytes(name),
        9, ByteString.copyFrom(raw.array())));
  }

  private static ByteString packedTensor(String name, float... values) {
    ByteBuffer packed = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      packed.putFloat(v);
    }
    // float_data (4) packed: one length-delimited run of fixed32 values.
    return message(Map.of(1, varints(values.length), 2, varints(1), 8, bytes(name),
        4, ByteString.copyFrom(packed.array())));
  }

  /** A message whose fields are given as varint lists (Long[]) or length-delimited bytes. */
  private static ByteString message(Map<Integer, Object> fields) {
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder();
    new java.util.TreeMap<>(fields).forEach((number, value) -> {
      Field.Builder f = Field.newBuilder();
      if (value instanceof long[] longs) {
        for (long v : longs) {
          f.addVarint(v);
        }
      } else {
        f.addLengthDelimited((ByteString) value);
      }
      b.mergeField(number, f.build());
    });
    return b.build().toByteString();
  }

  private static long[] varints(long... values) {
    return values;
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
