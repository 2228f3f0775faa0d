package org.distill4j.neural.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes and float initializers of an ONNX model, read from the serialized {@code ModelProto}
 * by field number (onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5;
 * NodeProto.input = 1, name = 3, op_type = 4; TensorProto.dims = 1, data_type = 2,
 * float_data = 4, name = 8, raw_data = 9). Fields it does not need are skipped.
 *
 * @param nodes every node of the main graph
 * @param initializers every initializer of the main graph
 */
public record OnnxGraph(List<OnnxNode> nodes, List<OnnxInitializer> initializers) {
  public OnnxGraph {
    nodes = List.copyOf(nodes);
    initializers = List.copyOf(initializers);
  }

  /**
   * Parses a whole serialized model.
   *
   * @throws OnnxFormatException when the bytes are not a model, or a float initializer's size
   *     does not match its shape
   */
  public static OnnxGraph parse(byte[] model) throws OnnxFormatException {
    try {
      CodedInputStream in = CodedInputStream.newInstance(model);
      in.enableAliasing(true);
      // A 90 MB model is one message: lift protobuf's 64 MB default guard.
      in.setSizeLimit(Integer.MAX_VALUE);
      ByteString graph = null;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 7) {
          graph = in.readBytes();
        } else {
          in.skipField(tag);
        }
      }
      if (graph == null) {
        throw new OnnxFormatException("no graph (ModelProto field 7) in the file");
      }
      return parseGraph(graph);
    } catch (IOException e) {
      throw new OnnxFormatException("not a readable ONNX ModelProto: " + e.getMessage());
    }
  }

  private static OnnxGraph parseGraph(ByteString graph) throws IOException, OnnxFormatException {
    List<OnnxNode> nodes = new ArrayList<>();
    List<OnnxInitializer> initializers = new ArrayList<>();
    CodedInputStream in = graph.newCodedInput();
    in.setSizeLimit(Integer.MAX_VALUE);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> nodes.add(parseNode(in.readBytes()));
        case 5 -> initializers.add(parseTensor(in.readBytes()));
        default -> in.skipField(tag);
      }
    }
    return new OnnxGraph(nodes, initializers);
  }

  private static OnnxNode parseNode(ByteString bytes) throws IOException, OnnxFormatException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    ByteString tensor = null;
    CodedInputStream in = bytes.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> inputs.add(in.readStringRequireUtf8());
        case 2 -> outputs.add(in.readStringRequireUtf8());
        case 3 -> name = in.readStringRequireUtf8();
        case 4 -> opType = in.readStringRequireUtf8();
        case 5 -> tensor = attributeTensor(in.readBytes(), tensor);
        default -> in.skipField(tag);
      }
    }
    float[] constant = opType.equals("Constant") && tensor != null
        ? parseTensor(tensor).values() : new float[0];
    return new OnnxNode(name, opType, inputs, outputs, constant);
  }

  /** An AttributeProto's tensor (field t = 5), else {@code previous}. */
  private static ByteString attributeTensor(ByteString attribute, ByteString previous)
      throws IOException {
    CodedInputStream in = attribute.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 5) {
        return in.readBytes();
      }
      in.skipField(tag);
    }
    return previous;
  }

  private static OnnxInitializer parseTensor(ByteString bytes)
      throws IOException, OnnxFormatException {
    List<Long> dims = new ArrayList<>();
    List<Float> floats = new ArrayList<>();
    int dataType = 0;
    String name = "";
    ByteString raw = null;
    CodedInputStream in = bytes.newCodedInput();
    in.setSizeLimit(Integer.MAX_VALUE);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      switch (field) {
        case 1 -> readRepeated(in, packed, () -> dims.add(in.readInt64()));
        case 2 -> dataType = in.readInt32();
        case 4 -> readRepeated(in, packed, () -> floats.add(in.readFloat()));
        case 8 -> name = in.readStringRequireUtf8();
        case 9 -> raw = in.readBytes();
        default -> in.skipField(tag);
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    if (dataType != OnnxInitializer.FLOAT) {
      return new OnnxInitializer(name, shape, dataType, new float[0]);
    }
    float[] values = raw != null ? littleEndianFloats(raw) : unbox(floats);
    long expected = 1;
    for (long d : shape) {
      expected *= d;
    }
    if (values.length != expected) {
      throw new OnnxFormatException("initializer " + name + " holds " + values.length
          + " floats for shape " + dims);
    }
    return new OnnxInitializer(name, shape, dataType, values);
  }

  private interface Reader {
    void read() throws IOException;
  }

  private static void readRepeated(CodedInputStream in, boolean packed, Reader one)
      throws IOException {
    if (!packed) {
      one.read();
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    while (in.getBytesUntilLimit() > 0) {
      one.read();
    }
    in.popLimit(limit);
  }

  private static float[] littleEndianFloats(ByteString raw) {
    // onnx.proto: raw_data is little-endian whatever the machine.
    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[raw.size() / Float.BYTES];
    buffer.asFloatBuffer().get(values);
    return values;
  }

  private static float[] unbox(List<Float> floats) {
    float[] values = new float[floats.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = floats.get(i);
    }
    return values;
  }
}
