package org.distill4j.neural.device;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A parameter store that hands a block its floating-point weights cast to a compute type (fp16),
 * leaving the parameters themselves in float32. For passes without gradients only: DJL's cast
 * runs under PyTorch's no-gradient guard, so nothing computed from a cast weight reaches the
 * float32 parameter's gradient.
 *
 * <p>Each cast is a new array, made once per read; it is attached to {@code scope} (the batch's
 * manager) so it is freed with the batch rather than piling up beside the parameters.
 */
public final class CastingParameterStore extends ParameterStore {
  private final ParameterStore inner;
  private final DataType compute;
  private final NDManager scope;

  /**
   * @param inner the store that owns the parameters' placement (the caller's)
   * @param compute the type blocks compute in
   * @param scope the manager that owns the casts: the batch's
   */
  public CastingParameterStore(ParameterStore inner, DataType compute, NDManager scope) {
    super(inner.getManager(), false);
    if (!compute.isFloating()) {
      throw new IllegalArgumentException("cannot compute in " + compute);
    }
    this.inner = inner;
    this.compute = compute;
    this.scope = scope;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray value = inner.getValue(parameter, device, training);
    if (!value.getDataType().isFloating() || value.getDataType() == compute) {
      return value;
    }
    NDArray cast = value.toType(compute, false);
    cast.attach(scope);
    return cast;
  }
}
