package org.distill4j.neural.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a config stretches rotary positions beyond the length the model was first trained on, as
 * its {@code rope_scaling} block says: none, {@code linear} (positions divided by the factor) or
 * {@code llama3} (Llama 3.1's per-frequency blend: long wavelengths divided by the factor, short
 * ones kept, a smooth ramp between).
 *
 * @param type {@code default}, {@code linear} or {@code llama3}
 * @param factor the stretch factor (1 for none)
 * @param lowFreqFactor llama3's {@code low_freq_factor}
 * @param highFreqFactor llama3's {@code high_freq_factor}
 * @param originalMaxPositions llama3's {@code original_max_position_embeddings}
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
    int originalMaxPositions) {
  /** No scaling. */
  public static final RopeScaling NONE = new RopeScaling("default", 1, 0, 0, 0);

  /**
   * The scaling of a {@code rope_scaling} node (missing or null: none).
   *
   * @throws IOException naming the file for a type this package does not compute
   */
  static RopeScaling parse(JsonNode node, Path file) throws IOException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NONE;
    }
    // Older configs spell the key "type", newer ones "rope_type".
    String type = node.path("rope_type").asText(node.path("type").asText("default"));
    double factor = node.path("factor").asDouble(1);
    return switch (type) {
      case "default" -> NONE;
      case "linear" -> new RopeScaling(type, factor, 0, 0, 0);
      case "llama3" -> new RopeScaling(type, factor,
          node.path("low_freq_factor").asDouble(1), node.path("high_freq_factor").asDouble(4),
          node.path("original_max_position_embeddings").asInt(8192));
      default -> throw new IOException(file + ": rope_scaling type \"" + type + "\" is not"
          + " supported; supported: default, linear, llama3");
    };
  }

  /**
   * The inverse frequencies {@code [headDim / 2]} of rotary positions with base {@code theta},
   * after this scaling, in double precision.
   */
  public double[] inverseFrequencies(int headDim, double theta) {
    double[] inverse = new double[headDim / 2];
    for (int i = 0; i < inverse.length; i++) {
      inverse[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
    }
    switch (type) {
      case "linear" -> {
        for (int i = 0; i < inverse.length; i++) {
          inverse[i] /= factor;
        }
      }
      case "llama3" -> llama3(inverse);
      default -> { }
    }
    return inverse;
  }

  private void llama3(double[] inverse) {
    double lowWavelength = originalMaxPositions / lowFreqFactor;
    double highWavelength = originalMaxPositions / highFreqFactor;
    for (int i = 0; i < inverse.length; i++) {
      double wavelength = 2 * Math.PI / inverse[i];
      if (wavelength > lowWavelength) {
        inverse[i] /= factor;
      } else if (wavelength >= highWavelength) {
        double smooth = (originalMaxPositions / wavelength - lowFreqFactor)
            / (highFreqFactor - lowFreqFactor);
        inverse[i] = (1 - smooth) * inverse[i] / factor + smooth * inverse[i];
      }
    }
  }
}
