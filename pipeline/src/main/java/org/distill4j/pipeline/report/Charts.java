package org.distill4j.pipeline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws the report's charts with JFreeChart, headless, as PNG images. */
public final class Charts {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 360;

  static {
    // Reports are written on servers and in CI: never try to open a display.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** Horizontal bars, one per key, in the map's order: counts per stage, kind or relation. */
  public static ChartImage bars(String title, String valueLabel, Map<String, ? extends Number>
      values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach((key, value) -> data.addValue(value, valueLabel, key));
    JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data,
        PlotOrientation.HORIZONTAL, false, false, false);
    int height = Math.max(HEIGHT / 2, 60 + 24 * values.size());
    return render(title, chart, height);
  }

  /**
   * A histogram of scores with the chosen threshold drawn as a vertical line.
   *
   * @param threshold the cut-off to mark, or null for none
   */
  public static ChartImage histogram(String title, String valueLabel, double[] values, int bins,
      Double threshold) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a histogram needs at least one value");
    }
    HistogramDataset data = new HistogramDataset();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (threshold != null) {
      min = Math.min(min, threshold);
      max = Math.max(max, threshold);
    }
    if (max == min) {
      max = min + 1;
    }
    data.addSeries(valueLabel, values, bins, min, max);
    JFreeChart chart = ChartFactory.createHistogram(title, valueLabel, "records", data,
        PlotOrientation.VERTICAL, false, false, false);
    if (threshold != null) {
      ValueMarker marker = new ValueMarker(threshold, Color.RED, new BasicStroke(2f));
      marker.setLabel("threshold " + String.format("%.3f", threshold));
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      chart.getXYPlot().addDomainMarker(marker);
    }
    return render(title, chart, HEIGHT);
  }

  /** Lines over a shared x axis, e.g. loss per epoch for train and dev. */
  public static ChartImage lines(String title, String xLabel, String yLabel,
      Map<String, List<double[]>> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach((name, points) -> {
      XYSeries s = new XYSeries(name);
      points.forEach(p -> s.add(p[0], p[1]));
      data.addSeries(s);
    });
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, series.size() > 1, false, false);
    return render(title, chart, HEIGHT);
  }

  private static ChartImage render(String title, JFreeChart chart, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw chart \"" + title + "\"", e);
    }
    return new ChartImage(title, png.toByteArray());
  }
}
