package org.distill4j.neural.onnx;

/** An ONNX file this package cannot read or map; the message names the tensor or field. */
public final class OnnxFormatException extends Exception {
  public OnnxFormatException(String message) {
    super(message);
  }
}
