package org.distill4j.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.training.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report in headless Chromium (Debian's {@code chromium}, installed by .ci/run) with the
 * network off, and checks the screenshot shows the charts: JFreeChart draws the first series in
 * red, which a page with broken images would not contain.
 */
class ReportRenderIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir Path dir;

  @Test
  void rendersWithChartsInHeadlessChromiumWithoutNetwork() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    Path kept = dir.resolve("kept.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(kept)) {
      for (int i = 0; i < 40; i++) {
        w.write(CorpusRecord.of(new CommonsenseTriple("PersonX does thing " + i,
            i % 2 == 0 ? "xIntent" : "xWant", "to reach goal " + i), Provenance.imported("t"))
            .withScore("critic", (i % 10) / 10.0));
      }
    }
    Path funnel = dir.resolve("funnel.json");
    CorpusJson.json().writeValue(funnel.toFile(), new Funnel(60, 0, List.of(
        new Funnel.StageCount("length", "length", false, 60, 50, Map.of(), Map.of()),
        new Funnel.StageCount("dedup", "exact-dedup", true, 50, 40, Map.of(), Map.of())),
        40, 20));
    Path metrics = dir.resolve("metrics.jsonl");
    try (JsonLinesWriter<EpochMetrics> w = JsonLinesWriter.overwrite(metrics)) {
      for (int e = 1; e <= 4; e++) {
        w.write(new EpochMetrics(e, 3.0 / e, 3.2 / e, "exact_match", 0.1 * e, 900, 2.0, null));
      }
    }
    Path report = dir.resolve("report.html");
    new ReportWriter().write(new ReportInputs("render check", dir.resolve("manifest.json"),
        null, funnel, kept, null, metrics, null, Map.of("critic", 0.5)), report);

    Path shot = dir.resolve("shot.png");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
        "--user-data-dir=" + dir.resolve("profile"), "--window-size=1000,4000",
        "--screenshot=" + shot, report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(shot).exists();
    BufferedImage img = ImageIO.read(shot.toFile());
    long red = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 200 && g < 120 && b < 120) {
          red++;
        }
      }
    }
    assertThat(red).as("red chart pixels in the screenshot").isGreaterThan(500);
  }
}
