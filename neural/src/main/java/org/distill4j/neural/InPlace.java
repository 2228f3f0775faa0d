package org.distill4j.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes into an existing array's memory. DJL's {@code copyTo} and {@code set(Buffer)} do not:
 * on the PyTorch engine they point the tensor's storage at a Java direct buffer it does not own
 * ({@code torchSet}), so a parameter or gradient "copied" that way reads freed memory once the
 * buffer is collected, and a later backward pass crashes the JVM in native code. These go
 * through {@code index_put_}, a real copy.
 */
public final class InPlace {
  private static final NDIndex ALL = new NDIndex("...");

  private InPlace() {}

  /** Copies {@code from}'s values into {@code into} (same shape). */
  public static void copy(NDArray from, NDArray into) {
    if (!from.getShape().equals(into.getShape())) {
      throw new IllegalArgumentException("cannot copy " + from.getShape() + " into "
          + into.getShape());
    }
    into.set(ALL, from);
  }

  /** Sets every value of {@code array} to 0, NaN and infinities included. */
  public static void zero(NDArray array) {
    array.set(ALL, 0f);
  }
}
