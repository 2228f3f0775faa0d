package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.distill4j.core.io.SettingException;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.LoopbackEndpoint;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.serve.KnowledgeServer;
import org.distill4j.kb.serve.ServerLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Fuseki on a free loopback port, queried over HTTP. */
class KnowledgeServerIT {
  @TempDir static Path tmp;
  static KnowledgeBase kb;
  /**
   * One client per test (JUnit makes an instance per test): every test starts its own server on
   * a free port, and a kept-alive connection pooled for an earlier server on a port the system
   * hands out again would be reused dead ("header parser received no bytes").
   */
  private final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void load() {
    kb = KnowledgeBase.open(tmp.resolve("kb"), texts -> {
      throw new AssertionError("keyword-only");
    });
    kb.ingest(Fixtures.records(30), false);
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET()
        .header("Accept", "application/sparql-results+json, application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void answersSparqlAndSearchAndRejectsBadQueriesWith400() throws Exception {
    try (KnowledgeServer server =
        KnowledgeServer.start(kb, null, 0, null, Duration.ofSeconds(5))) {
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      String count = "PREFIX kd: <https://w3id.org/distill4j/kd#> "
          + "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kd:Record }";
      HttpResponse<String> ok = get(server.url() + "/kb/sparql?query=" + q(count), null);
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(ok.body());
      assertThat(body.at("/results/bindings/0/n/value").asText()).isEqualTo("30");

      HttpResponse<String> bad = get(server.url() + "/kb/sparql?query=" + q("SELEKT * {"), null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).containsIgnoringCase("parse error").contains("SELEKT");

      HttpRequest update = HttpRequest.newBuilder(URI.create(server.url() + "/kb/update"))
          .header("Content-Type", "application/sparql-update")
          .POST(HttpRequest.BodyPublishers.ofString("DELETE WHERE { ?s ?p ?o }")).build();
      assertThat(http.send(update, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isBetween(400, 499);
      assertThat(kb.stats().records()).isEqualTo(30);

      HttpResponse<String> search =
          get(server.url() + "/search?q=" + q("adopts a dog") + "&k=2&kind=triple", null);
      assertThat(search.statusCode()).isEqualTo(200);
      JsonNode hits = JSON.readTree(search.body()).get("hits");
      assertThat(hits).hasSize(2);
      assertThat(hits.get(0).get("text").asText()).contains("dog");
      assertThat(hits.get(0).at("/record/provenance/teacherModel").asText()).isEqualTo("llama3");

      HttpResponse<String> badK = get(server.url() + "/search?q=x&k=zero", null);
      assertThat(badK.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(badK.body()).get("error").asText())
          .isEqualTo("parameter \"k\" must be a whole number, found \"zero\"");
    }
  }

  @Test
  void aTokenGuardsEveryPath() throws Exception {
    try (KnowledgeServer server =
        KnowledgeServer.start(kb, "127.0.0.1", 0, "s3cret", Duration.ofSeconds(5))) {
      String ask = server.url() + "/kb/sparql?query=" + q("ASK { ?s ?p ?o }");
      assertThat(get(ask, null).statusCode()).isEqualTo(401);
      assertThat(get(ask, "wrong").statusCode()).isEqualTo(401);
      assertThat(get(server.url() + "/search?q=dog", null).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(ask, "s3cret");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(ok.body()).get("boolean").asBoolean()).isTrue();
    }
  }

  @Test
  void aQueryOverTheTimeLimitIsCancelled() throws Exception {
    try (KnowledgeServer server =
        KnowledgeServer.start(kb, null, 0, null, Duration.ofMillis(500))) {
      String cross = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
      long start = System.nanoTime();
      HttpResponse<String> r = get(server.url() + "/kb/sparql?query=" + q(cross), null);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(seconds).isLessThan(10);
    }
  }

  @Test
  void anyOtherAddressNeedsAToken() {
    assertThatThrownBy(() -> KnowledgeServer.start(kb, "0.0.0.0", 0, null, Duration.ofSeconds(1)))
        .isInstanceOf(SettingException.class).hasMessageContaining("pass token_env VAR")
        .satisfies(e -> assertThat(((SettingException) e).renderedAs(s -> "--token-env"))
            .contains("pass --token-env VAR"));
  }

  @Test
  void federatedAndJavaQueriesGet400AndReachNothing() throws Exception {
    try (LoopbackEndpoint outside = new LoopbackEndpoint();
        KnowledgeServer server =
            KnowledgeServer.start(kb, null, 0, null, Duration.ofSeconds(5))) {
      for (String query : new String[] {
          "SELECT * { SERVICE <" + outside.url("/sparql") + "> { ?s ?p ?o } }",
          "SELECT * { VALUES ?e { <" + outside.url("/v") + "> } SERVICE ?e { ?s ?p ?o } }",
          "SELECT (<java:org.distill4j.kb.query.Tripwire>(1) AS ?x) {}"}) {
        HttpResponse<String> r = get(server.url() + "/kb/sparql?query=" + q(query), null);
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        assertThat(r.body()).as(query).contains("refused")
            .doesNotContain(LoopbackEndpoint.MARKER);
      }
      String file = tmp.resolve("kb").toUri() + "x.ttl";
      HttpResponse<String> from = get(server.url() + "/kb/sparql?query="
          + q("SELECT * FROM <" + outside.url("/g.ttl") + "> FROM NAMED <" + file + ">"
              + " { ?s ?p ?o } LIMIT 1"), null);
      assertThat(from.statusCode()).isEqualTo(200);
      HttpResponse<String> protocol = get(server.url() + "/kb/sparql?query=" + q("ASK {}")
          + "&default-graph-uri=" + q(outside.url("/d.ttl"))
          + "&named-graph-uri=" + q(file), null);
      assertThat(protocol.statusCode()).isEqualTo(200);
      for (String path : new String[] {"/kb/sparql", "/kb", "/kb/update"}) {
        HttpRequest load = HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/sparql-update")
            .POST(HttpRequest.BodyPublishers.ofString("LOAD <" + outside.url("/l.ttl") + ">"))
            .build();
        assertThat(http.send(load, HttpResponse.BodyHandlers.ofString()).statusCode())
            .as(path).isBetween(400, 499);
      }
      assertThat(outside.hits()).isZero();
      assertThat(get(server.url() + "/kb/get", null).statusCode()).isNotEqualTo(200);
    }
  }

  @Test
  void anAllowedEndpointIsCalled() throws Exception {
    try (LoopbackEndpoint outside = new LoopbackEndpoint();
        KnowledgeServer server = KnowledgeServer.start(kb, null, 0, null, Duration.ofSeconds(5),
            new ServerLimits(new QueryPolicy(Set.of(outside.url("/ok")), 100), 1 << 20))) {
      HttpResponse<String> r = get(server.url() + "/kb/sparql?query="
          + q("SELECT ?x { SERVICE <" + outside.url("/ok") + "> { ?s ?p ?x } }"), null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains(LoopbackEndpoint.MARKER);
      assertThat(outside.hits()).isEqualTo(1);
    }
  }

  /** Sends one request with the given Host header over a plain socket; returns the reply. */
  static String raw(int port, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /kb/sparql?query=" + q("ASK {}") + " HTTP/1.1\r\nHost: " + host
          + "\r\nOrigin: http://evil.example\r\nAccept: application/sparql-results+json"
          + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aLoopbackServerAnswersOnlyLoopbackHostNames() throws Exception {
    try (KnowledgeServer server =
        KnowledgeServer.start(kb, null, 0, null, Duration.ofSeconds(5))) {
      int port = server.port();
      for (String evil : new String[] {"evil.example:" + port, "evil.example",
          "127.0.0.1.evil.example:" + port, "localhost:" + (port + 1), "localhost"}) {
        String reply = raw(port, evil);
        assertThat(reply).as(evil).startsWith("HTTP/1.1 403")
            .contains("DNS rebinding").doesNotContain("\"boolean\"");
      }
      for (String ok : new String[] {"127.0.0.1:" + port, "localhost:" + port,
          "LOCALHOST:" + port, "[::1]:" + port}) {
        // A page on another origin that reaches 127.0.0.1 directly may send, not read: no CORS.
        assertThat(raw(port, ok)).as(ok).startsWith("HTTP/1.1 200").contains("\"boolean\"")
            .doesNotContainIgnoringCase("Access-Control-Allow-Origin");
      }
    }
  }

  @Test
  void answersOverTheCapsAreCutAndSaySo() throws Exception {
    try (KnowledgeServer server = KnowledgeServer.start(kb, null, 0, null,
        Duration.ofSeconds(5), new ServerLimits(new QueryPolicy(Set.of(), 5), 1 << 20))) {
      HttpResponse<String> all = get(server.url() + "/kb/sparql?query="
          + q("SELECT ?s ?p ?o { ?s ?p ?o }"), null);
      assertThat(all.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(all.body()).at("/results/bindings")).hasSize(5);
      assertThat(all.headers().firstValue("X-Distill4j-Truncated")).hasValue("max-rows=5");

      HttpResponse<String> few = get(server.url() + "/kb/sparql?query="
          + q("SELECT ?s { ?s ?p ?o } LIMIT 3"), null);
      assertThat(JSON.readTree(few.body()).at("/results/bindings")).hasSize(3);
      assertThat(few.headers().firstValue("X-Distill4j-Truncated")).isEmpty();

      HttpRequest construct = HttpRequest.newBuilder(URI.create(server.url()
          + "/kb/sparql?query=" + q("CONSTRUCT WHERE { ?s ?p ?o }")))
          .header("Accept", "application/n-triples").GET().build();
      HttpResponse<String> graph = http.send(construct, HttpResponse.BodyHandlers.ofString());
      assertThat(graph.body().lines().filter(l -> !l.isBlank())).hasSize(5);
      assertThat(graph.headers().firstValue("X-Distill4j-Truncated")).isPresent();

      JsonNode search = JSON.readTree(get(server.url() + "/search?q=" + q("PersonX") + "&k=50",
          null).body());
      assertThat(search.get("hits")).hasSize(5);
      assertThat(search.get("truncated").asBoolean()).isTrue();
      assertThat(search.get("truncation").asText()).contains("k=50", "(max_rows)");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/search?q="
          + q("PersonX") + "&k=50")).build(), HttpResponse.BodyHandlers.ofString()).headers()
          .firstValue("X-Distill4j-Truncated")).hasValue("max-rows=5");
      JsonNode whole = JSON.readTree(get(server.url() + "/search?q=" + q("dog") + "&k=2",
          null).body());
      assertThat(whole.get("truncated").asBoolean()).isFalse();
    }
    try (KnowledgeServer server = KnowledgeServer.start(kb, null, 0, null,
        Duration.ofSeconds(5), new ServerLimits(QueryPolicy.closed(), 1024))) {
      HttpResponse<String> r = get(server.url() + "/search?q=" + q("PersonX") + "&k=20", null);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("truncated").asBoolean()).isTrue();
      assertThat(body.get("truncation").asText()).contains("1024 bytes", "(max_bytes)");
      assertThat(body.get("hits").size()).isLessThan(20);
      assertThat(r.headers().firstValue("X-Distill4j-Truncated")).hasValue("max-bytes=1024");
    }
  }
}
