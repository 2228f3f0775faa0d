package org.distill4j.neural.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT encoder with the pooler and classifier of transformers'
 * {@code BertForSequenceClassification} / {@code BertForMultipleChoice}: {@code tanh(W [CLS] + b)},
 * dropout, then one linear layer. Parameters carry the names those classes save
 * ({@code bert.encoder.layer.0…}, {@code bert.pooler.dense.weight}, {@code classifier.weight}).
 *
 * <p>Input: ids, type ids and mask, each {@code [rows, tokens]}; output: logits
 * {@code [rows, outputs]}. A multiple-choice caller lays a question's choices out as consecutive
 * rows and reshapes the single logit column to {@code [questions, choices]}.
 */
public final class BertClassifierBlock extends AbstractBlock {
  /** The prefix transformers gives the encoder's weights inside a model with a head. */
  public static final String BODY = "bert.";

  private final BertBlock body;
  private final BertHead head;
  private final Map<String, Parameter> own = new LinkedHashMap<>();
  private final Map<String, Shape> ownShapes = new LinkedHashMap<>();

  /** A block for {@code config} with {@code head} and optional adapters ({@code null}: none). */
  public BertClassifierBlock(BertConfig config, BertHead head, LoraSettings lora) {
    this.body = addChildBlock("bert", new BertBlock(config, lora));
    this.head = head;
    int h = config.hiddenSize();
    ownShapes.put("bert.pooler.dense.weight", new Shape(h, h));
    ownShapes.put("bert.pooler.dense.bias", new Shape(h));
    ownShapes.put("classifier.weight", new Shape(head.outputs(), h));
    ownShapes.put("classifier.bias", new Shape(head.outputs()));
    for (Map.Entry<String, Shape> weight : ownShapes.entrySet()) {
      Parameter parameter = Parameter.builder().setName(weight.getKey())
          .setType(weight.getKey().endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
          .build();
      own.put(weight.getKey(), addParameter(parameter));
    }
  }

  /** The encoder inside. */
  public BertBlock body() {
    return body;
  }

  /** The head it was built with. */
  public BertHead head() {
    return head;
  }

  /**
   * Every parameter by its full name: the encoder's with {@value #BODY} in front, then pooler
   * and classifier.
   */
  public Map<String, Parameter> parametersByName() {
    Map<String, Parameter> all = new LinkedHashMap<>();
    body.parametersByName().forEach((name, parameter) -> all.put(BODY + name, parameter));
    all.putAll(own);
    return Collections.unmodifiableMap(all);
  }

  /** Every parameter's shape by full name. */
  public Map<String, Shape> shapes() {
    Map<String, Shape> all = new LinkedHashMap<>();
    body.shapes().forEach((name, shape) -> all.put(BODY + name, shape));
    all.putAll(ownShapes);
    return all;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden = body.forward(store, inputs, training).singletonOrThrow();
    Device device = hidden.getDevice();
    NDArray first = hidden.get(new NDIndex(":, 0, :"));
    NDArray pooled = Linear.linear(first,
        store.getValue(own.get("bert.pooler.dense.weight"), device, training),
        store.getValue(own.get("bert.pooler.dense.bias"), device, training))
        .singletonOrThrow().tanh();
    double rate = body.config().hiddenDropout();
    if (training && rate > 0) {
      pooled = Dropout.dropout(pooled, (float) rate, true).singletonOrThrow();
    }
    return Linear.linear(pooled,
        store.getValue(own.get("classifier.weight"), device, training),
        store.getValue(own.get("classifier.bias"), device, training));
  }

  @Override
  protected void initializeChildBlocks(
      ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
      Shape... inputShapes) {
    body.initialize(manager, dataType, inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    for (Map.Entry<String, Parameter> parameter : own.entrySet()) {
      if (!parameter.getValue().isInitialized()) {
        parameter.getValue().setShape(ownShapes.get(parameter.getKey()));
      }
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), head.outputs())};
  }
}
