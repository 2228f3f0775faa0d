package org.distill4j.pipeline.report;

import java.util.List;

/**
 * Builds one self-contained HTML page: inline style, images as data URIs, every text escaped.
 * Nothing on the page refers to the network or to another file.
 */
public final class HtmlPage {
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
      max-width:60rem;color:#222;line-height:1.45;padding:0 1rem}
      h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem
      .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
      th{background:#f4f4f4}img{max-width:100%;height:auto;border:1px solid #eee}
      .muted{color:#666}""";

  private final StringBuilder body = new StringBuilder();
  private final String title;

  public HtmlPage(String title) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n");
  }

  public HtmlPage heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A greyed note, for what is missing or estimated. */
  public HtmlPage note(String text) {
    body.append("<p class=\"muted\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** A table; cells that look like numbers are right-aligned. */
  public HtmlPage table(List<String> header, List<List<String>> rows) {
    body.append("<table>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      for (String cell : row) {
        boolean numeric = cell != null && cell.matches("[-+]?[0-9][0-9,.]*%?");
        body.append(numeric ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  public HtmlPage image(ChartImage chart) {
    body.append("<figure><img alt=\"").append(escape(chart.title())).append("\" src=\"")
        .append(chart.dataUri()).append("\"></figure>\n");
    return this;
  }

  /** The whole page. */
  public String render() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
        + escape(title) + "</title>\n<style>" + STYLE + "</style></head>\n<body>\n" + body
        + "</body></html>\n";
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
