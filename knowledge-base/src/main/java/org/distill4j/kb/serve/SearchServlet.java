package org.distill4j.kb.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;

/**
 * {@code GET /search?q=TEXT[&mode=bm25|vector|hybrid][&k=N][&kind=K][&relation=R][&min-score=X]
 * [&score=NAME]}: the hits as JSON (mode defaults to hybrid when the store has vectors, else
 * bm25; k to 10), each with its whole record. Bad parameters get 400 with a
 * message naming the parameter. An answer holds at most the row cap of hits and the byte cap of
 * serialised hits; {@code "truncated"} says whether it was cut (with the reason in
 * {@code "truncation"} and the {@value GuardedQueryProcessor#TRUNCATED_HEADER} header).
 */
final class SearchServlet extends HttpServlet {
  private final transient KnowledgeBase kb;
  private final int maxHits;
  private final long maxBytes;

  private final transient UnaryOperator<String> settingNames;

  SearchServlet(KnowledgeBase kb, ServerLimits limits, UnaryOperator<String> settingNames) {
    this.kb = kb;
    this.settingNames = settingNames;
    this.maxHits = limits.query().maxRows();
    this.maxBytes = limits.maxSearchBytes();
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SearchRequest request;
    try {
      request = parse(req);
    } catch (IllegalArgumentException e) {
      error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    int asked = request.k();
    if (asked > maxHits) {
      request = request.withText(request.text(), maxHits);
    }
    try {
      ObjectNode body = CorpusJson.json().createObjectNode();
      body.put("query", request.text());
      body.put("mode", request.mode().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode hits = body.putArray("hits");
      String cut = null;
      String header = null;
      long bytes = 0;
      for (SearchHit h : kb.search(request)) {
        // Serialised once: the bytes counted against the cap are the bytes sent.
        String n = CorpusJson.json().writeValueAsString(hit(h));
        bytes += n.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
          cut = "the hits passed the cap of " + maxBytes + " bytes after " + hits.size()
              + " hits (" + settingNames.apply("max_bytes") + ")";
          header = "max-bytes=" + maxBytes;
          break;
        }
        hits.addRawValue(new RawValue(n));
      }
      // A k over the cap cut the answer only when the capped search came back full.
      if (cut == null && asked > maxHits && hits.size() == maxHits) {
        cut = "k=" + asked + " is over the cap of " + maxHits + " hits ("
            + settingNames.apply("max_rows") + ")";
        header = "max-rows=" + maxHits;
      }
      body.put("truncated", cut != null);
      if (cut != null) {
        body.put("truncation", cut);
        resp.setHeader(GuardedQueryProcessor.TRUNCATED_HEADER, header);
      }
      resp.setStatus(HttpServletResponse.SC_OK);
      resp.setContentType("application/json");
      resp.setCharacterEncoding("UTF-8");
      CorpusJson.json().writeValue(resp.getWriter(), body);
    } catch (SettingException e) {
      error(resp, HttpServletResponse.SC_BAD_REQUEST, e.renderedAs(settingNames));
    } catch (IllegalStateException e) {
      error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
    }
  }

  private static ObjectNode hit(SearchHit h) {
    ObjectNode n = CorpusJson.json().createObjectNode();
    n.put("id", h.record().id());
    n.put("score", h.score());
    n.put("kind", h.record().knowledge().kind().id());
    n.put("relation", h.record().knowledge().relation());
    n.put("text", h.record().knowledge().text());
    n.set("record", CorpusJson.json().valueToTree(h.record()));
    return n;
  }

  private SearchRequest parse(HttpServletRequest req) {
    String q = req.getParameter("q");
    if (q == null || q.isBlank()) {
      throw new IllegalArgumentException("parameter \"q\" (the search text) is required");
    }
    // Without a mode: hybrid where vectors exist, else the only mode that works, bm25.
    SearchMode mode = req.getParameter("mode") != null ? SearchMode.parse(req.getParameter("mode"))
        : kb.hasVectors() ? SearchMode.HYBRID : SearchMode.BM25;
    int k = intParam(req, "k", 10);
    if (k < 1) {
      throw new IllegalArgumentException("parameter \"k\" must be at least 1, found " + k);
    }
    KnowledgeKind kind = req.getParameter("kind") == null
        ? null : KnowledgeKind.fromId(req.getParameter("kind"));
    Double min = null;
    if (req.getParameter("min-score") != null) {
      try {
        min = Double.parseDouble(req.getParameter("min-score"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter \"min-score\" must be a number, found \""
            + req.getParameter("min-score") + "\"");
      }
    }
    return new SearchRequest(q, mode, k, kind, req.getParameter("relation"),
        req.getParameter("score"), min);
  }

  private static int intParam(HttpServletRequest req, String name, int fallback) {
    String v = req.getParameter(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter \"" + name + "\" must be a whole number, found \"" + v + "\"");
    }
  }

  private static void error(HttpServletResponse resp, int status, String message)
      throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    ObjectNode body = CorpusJson.json().createObjectNode();
    body.put("error", message);
    CorpusJson.json().writeValue(resp.getWriter(), body);
  }
}
