package org.distill4j.neural.onnx;

/**
 * One initializer of an ONNX graph: a named constant tensor. Only float32 ones carry their
 * elements; the importer needs no other kind (BERT exports hold one int64 buffer,
 * {@code embeddings.position_ids}, that Hugging Face recomputes).
 *
 * @param name the initializer's name in the graph
 * @param dims its shape
 * @param dataType its ONNX TensorProto.DataType (1 is float32)
 * @param values its elements, row-major, when float32; else empty
 */
public record OnnxInitializer(String name, long[] dims, int dataType, float[] values) {
  /** ONNX's code for float32. */
  public static final int FLOAT = 1;

  /** Whether this tensor is float32. */
  public boolean isFloat() {
    return dataType == FLOAT;
  }
}
