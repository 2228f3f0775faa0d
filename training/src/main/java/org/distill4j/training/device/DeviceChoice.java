package org.distill4j.training.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.distill4j.core.io.InputException;

/**
 * The device a run asks for. {@code auto} takes the first GPU when the engine sees one (a CUDA
 * build of the PyTorch native library and a GPU) and the CPU otherwise, so one config works on a
 * laptop and on a GPU machine.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
  public static DeviceChoice parse(String text) {
    if (text == null || text.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "field \"device\" must be auto, cpu or gpu, found \"" + text + "\"");
    }
  }

  /** The DJL device to use; fails with a clear message when a GPU is demanded but absent. */
  public Device resolve() {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new InputException(
              "device gpu was asked for but the engine sees no GPU (the CPU-only PyTorch native"
                  + " library is loaded, or no CUDA device is present); use device: auto or cpu");
        }
        yield Device.gpu();
      }
    };
  }

  /**
   * Seeds every random source a run uses: the engine's (dropout, initialisation) here, and callers
   * derive their own {@link java.util.Random} from the same seed. Re-seeding at each epoch start
   * with {@link #epochSeed} is what makes a resumed run repeat the run it replaces.
   */
  public static void seedEngine(long seed) {
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }

  /** The seed for one epoch, derived so that each epoch's randomness depends only on its number. */
  public static long epochSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch;
  }
}
