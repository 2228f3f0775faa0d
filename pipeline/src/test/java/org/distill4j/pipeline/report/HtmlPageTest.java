package org.distill4j.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
  @Test
  void escapesTextAndEmbedsChartsSoThePageNeedsNoNetwork() throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("generated", 120);
    counts.put("kept", 80);
    ChartImage bars = Charts.bars("Funnel", "records", counts);
    String html = new HtmlPage("Run <demo>")
        .heading("Funnel & more")
        .table(List.of("stage", "records"), List.of(List.of("kept", "80"), List.of("<b>", "x")))
        .image(bars)
        .note("price unknown")
        .render();
    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("<title>Run &lt;demo&gt;</title>")
        .contains("<h2>Funnel &amp; more</h2>")
        .contains("<td class=\"n\">80</td>")
        .contains("<td>&lt;b&gt;</td>")
        .contains("src=\"data:image/png;base64,")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
  }

  @Test
  void chartsAreRealPngImagesOfTheRequestedWidth() throws Exception {
    ChartImage hist = Charts.histogram("Critic scores", "score",
        new double[] {0.1, 0.2, 0.2, 0.7, 0.9, 0.95}, 10, 0.5);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(hist.png()));
    assertThat(img.getWidth()).isEqualTo(720);
    assertThat(img.getHeight()).isEqualTo(360);
    ChartImage curve = Charts.lines("Loss", "epoch", "loss",
        Map.of("train", List.of(new double[] {1, 2.0}, new double[] {2, 1.2})));
    assertThat(ImageIO.read(new ByteArrayInputStream(curve.png()))).isNotNull();
  }

  @Test
  void refusesWhatCannotBeDrawn() {
    assertThatThrownBy(() -> Charts.histogram("x", "y", new double[0], 5, null))
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> new ChartImage("x", new byte[] {1, 2, 3}))
        .hasMessageContaining("PNG");
  }
}
