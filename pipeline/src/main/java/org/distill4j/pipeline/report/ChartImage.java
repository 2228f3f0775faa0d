package org.distill4j.pipeline.report;

import java.util.Base64;

/**
 * A rendered chart: a PNG and its title, embedded in the report as a data URI so the page opens
 * with no network and no side files.
 *
 * @param title what the chart shows
 * @param png the PNG bytes
 */
public record ChartImage(String title, byte[] png) {
  public ChartImage {
    if (png == null || png.length < 8 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
      throw new IllegalArgumentException("field \"png\" must hold a PNG image");
    }
  }

  /** The image as a {@code data:image/png;base64,...} URI. */
  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
