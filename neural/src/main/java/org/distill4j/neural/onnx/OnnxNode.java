package org.distill4j.neural.onnx;

import java.util.List;

/**
 * One node of an ONNX graph, as far as the importer needs it: which tensors it reads and
 * writes, and for a {@code Constant} node its float value.
 *
 * @param name the node's name (exporters put the module path in it)
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs the names of the tensors it reads, in order
 * @param outputs the names of the tensors it writes, in order
 * @param constant a {@code Constant} node's float32 value; empty for any other node
 */
public record OnnxNode(
    String name, String opType, List<String> inputs, List<String> outputs, float[] constant) {
  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
