package org.distill4j.neural;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The small trainable network over frozen sentence embeddings that both the trained critic
 * (filtering) and the scorer student (training) use: one hidden layer and one output per row, laid
 * out by a {@link HeadLayout}. It owns a DJL {@link Model} named after its user, whose name is
 * also the parameter file's name in a saved folder.
 */
public final class ScoringHead implements AutoCloseable {
  private final Model model;
  private final HeadLayout layout;

  private ScoringHead(Model model, HeadLayout layout) {
    this.model = model;
    this.layout = layout;
  }

  /** The block for {@code layout}, uninitialised. */
  public static SequentialBlock block(HeadLayout layout) {
    // Added as plain functions, as both networks always were: the lambda block's saved form
    // must not change.
    Function<NDList, NDList> activation = layout.activation() == HeadLayout.Activation.RELU
        ? Activation::relu : Activation::gelu;
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits(layout.hidden()).build())
        .add(activation);
    if (layout.dropoutLayer()) {
      block.add(Dropout.builder().optRate(layout.dropout()).build());
    }
    return block.add(Linear.builder().setUnits(1).build());
  }

  /**
   * A model named {@code name} holding an uninitialised block: a trainer initialises it (drawing
   * the first parameters from the engine's seeded generator), or {@link #initialize} does.
   *
   * @param device where it runs; null for the engine's default
   */
  public static ScoringHead untrained(String name, HeadLayout layout, Device device) {
    Model model = device == null ? Model.newInstance(name) : Model.newInstance(name, device);
    model.setBlock(block(layout));
    return new ScoringHead(model, layout);
  }

  /** Initialises the parameters for inputs of shape {@code input}; returns this. */
  public ScoringHead initialize(Shape input) {
    model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, input);
    return this;
  }

  /**
   * Reads the parameters {@link #save} wrote under {@code name} in {@code dir} into a head laid
   * out the same way; closes what it opened when they do not fit.
   */
  public static ScoringHead load(Path dir, String name, HeadLayout layout, Shape input,
      Device device) throws IOException, MalformedModelException {
    ScoringHead head = untrained(name, layout, device).initialize(input);
    try {
      head.model.load(dir, name);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      head.close();
      throw e;
    }
    return head;
  }

  /** Writes the parameters into {@code dir}, named after the model. */
  public void save(Path dir) throws IOException {
    model.save(dir, model.getName());
  }

  /** The DJL model, for a trainer or a forward pass. */
  public Model model() {
    return model;
  }

  /** How its layers are laid out. */
  public HeadLayout layout() {
    return layout;
  }

  @Override
  public void close() {
    model.close();
  }
}
