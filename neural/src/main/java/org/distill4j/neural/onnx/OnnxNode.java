package org.distill4j.neural.onnx;

import java.util.List;

/**
 * One node of an ONNX graph, as far as the importer needs it: which tensors it consumes.
 *
 * @param name the node's name (exporters put the module path in it)
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs the names of the tensors it reads, in order
 */
public record OnnxNode(String name, String opType, List<String> inputs) {
  public OnnxNode {
    inputs = List.copyOf(inputs);
  }
}
