package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

/** The operations decoder layers are made of, as transformers computes them. */
final class LayerMaths {
  private LayerMaths() {}

  /** LayerNorm over the last axis, computed in float32 and returned in x's type. */
  static NDArray layerNorm(Projection p, String name, NDArray x, double eps) {
    long width = x.getShape().get(x.getShape().dimension() - 1);
    return LayerNorm.layerNorm(float32(x), new Shape(width),
        float32(p.weight(name + ".weight")), float32(p.weight(name + ".bias")), (float) eps)
        .singletonOrThrow().toType(x.getDataType(), false);
  }

  /**
   * RMSNorm: {@code weight · x / sqrt(mean(x²) + eps)} over the last axis, the normalising in
   * float32 as transformers does it.
   */
  static NDArray rmsNorm(Projection p, String name, NDArray x, double eps) {
    NDArray wide = float32(x);
    NDArray meanSquare = wide.square().mean(new int[] {-1}, true);
    return wide.mul(meanSquare.add((float) eps).pow(-0.5f)).toType(x.getDataType(), false)
        .mul(p.weight(name + ".weight"));
  }

  private static NDArray float32(NDArray x) {
    return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
  }

  /** The configured activation. */
  static NDArray activate(String activation, NDArray x) {
    return switch (activation) {
      case "silu" -> x.mul(Activation.sigmoid(x));
      case "gelu" -> x.mul(x.div((float) Math.sqrt(2.0)).erf().add(1f)).mul(0.5f);
      case "relu" -> Activation.relu(x);
      // GPT-2's tanh approximation ("gelu_new").
      default -> x.mul(x.pow(3).mul(0.044715f).add(x).mul((float) Math.sqrt(2 / Math.PI)).tanh()
          .add(1f)).mul(0.5f);
    };
  }

  /** Dropout while training with a positive rate; the identity otherwise. */
  static NDArray dropout(NDArray x, double rate, boolean training) {
    return training && rate > 0
        ? Dropout.dropout(x, (float) rate, true).singletonOrThrow()
        : x;
  }

  /** {@code [batch, tokens, heads · dim]} to {@code [batch, heads, tokens, dim]}. */
  static NDArray heads(NDArray x, int heads, int dim) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), shape.get(1), heads, dim).transpose(0, 2, 1, 3);
  }

  /** {@code [batch, heads, tokens, dim]} back to {@code [batch, tokens, heads · dim]}. */
  static NDArray merge(NDArray x) {
    Shape shape = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
  }

  /**
   * Rotary positions applied to {@code x [batch, heads, tokens, dim]} with {@code cos} and
   * {@code sin} {@code [batch, 1, tokens, dim]}: the two halves of each head are rotated as
   * pairs (transformers' {@code rotate_half}, not interleaved pairs).
   */
  static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    NDList halves = x.split(2, x.getShape().dimension() - 1);
    NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), -1);
    return x.mul(cos).add(rotated.mul(sin));
  }

  /**
   * Scaled dot-product attention of {@code query [batch, heads, tokens, dim]} over
   * {@code key}/{@code value} {@code [batch, kvHeads, keys, dim]}; each key/value head serves
   * {@code heads / kvHeads} consecutive query heads.
   */
  static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray bias, int groups,
      double dropout, boolean training) {
    NDArray k = groups == 1 ? key : key.repeat(1, groups);
    NDArray v = groups == 1 ? value : value.repeat(1, groups);
    long dim = query.getShape().get(3);
    // Scores and softmax in float32 (the bias is float32); back to v's type for the product.
    NDArray scores = float32(query.matMul(k.transpose(0, 1, 3, 2)))
        .div((float) Math.sqrt(dim)).add(bias);
    NDArray probabilities = dropout(scores.softmax(-1), dropout, training);
    return probabilities.toType(v.getDataType(), false).matMul(v);
  }
}
