package org.distill4j.cli.kb;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.serve.KnowledgeServer;
import org.distill4j.kb.serve.ServerLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves a knowledge base over HTTP until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Serve the knowledge base with an embedded Fuseki: read-only SPARQL at /kb/sparql"
          + " (also /kb/query; a bad query gets 400 with the parser's message; queries are"
          + " cancelled after --timeout) and JSON search at /search?q=TEXT&k=N"
          + "&mode=bm25|vector|hybrid&kind=K&relation=R&min-score=X. Nothing else is served"
          + " (no updates, no graph store protocol).",
      "Queries read only this store: SERVICE gets 400 unless its endpoint is given with"
          + " --allow-service, java: functions and predicates get 400, FROM/FROM NAMED select"
          + " graphs of the store by name and never load a file or URL.",
      "Caps: a SPARQL answer holds at most --max-rows rows (triples for CONSTRUCT/DESCRIBE);"
          + " a cut one carries the header X-Distill4j-Truncated: max-rows=N. A search answer"
          + " holds at most --max-rows hits and --max-bytes bytes of hits, with"
          + " \"truncated\": true, the reason in \"truncation\" and the same header when cut.",
      "Binds 127.0.0.1 unless --host says otherwise; there it answers only requests whose Host"
          + " header is 127.0.0.1, localhost or [::1] with the port (403 otherwise, against DNS"
          + " rebinding). Any other address requires a bearer token (--token-env), checked on"
          + " every request. Stop with Ctrl-C."
    },
    footer = {"", "Examples:",
      "  distill kb serve --kb kb",
      "  KB_TOKEN=... distill kb serve --kb kb --host 0.0.0.0 --port 8080 --token-env KB_TOKEN",
      "  curl -H 'Authorization: Bearer ...' 'http://host:8080/search?q=dog&k=3'",
      "  distill kb serve --kb kb --max-rows 1000"
          + " --allow-service https://query.wikidata.org/sparql"})
public final class KbServeCommand implements Callable<Integer>, KbSpelling {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "The address to bind.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030",
      converter = OptionRanges.Port.class,
      description = "The port; 0 picks a free one.")
  int port;

  @Option(names = "--token-env", paramLabel = "VAR",
      description = "The environment variable holding the bearer token clients must send."
          + " Required for any address other than loopback.")
  String tokenEnv;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      converter = OptionRanges.AtLeastOne.class,
      description = "Cancel a SPARQL query after this many seconds.")
  int timeout;

  @Mixin QueryLimitOptions limits;

  @Option(names = "--max-bytes", paramLabel = "BYTES",
      defaultValue = "" + ServerLimits.DEFAULT_MAX_SEARCH_BYTES,
      converter = OptionRanges.AtLeastOne.class,
      description = "Cap the hits of one search answer at this many bytes of JSON (at least"
          + " 1024).")
  int maxBytes;

  @Override
  public Integer call() {
    return serve();
  }

  private int serve() {
    Duration limit = Duration.ofSeconds(timeout);
    ServerLimits caps = new ServerLimits(limits.policy(), maxBytes);
    String token = null;
    if (tokenEnv != null) {
      token = System.getenv(tokenEnv);
      if (token == null || token.isBlank()) {
        throw new InputException("--token-env " + tokenEnv + ": the environment variable is"
            + " not set or empty");
      }
    }
    try (KnowledgeBase base = kb.open(false);
        KnowledgeServer server = KnowledgeServer.start(base, host, port, token, limit,
            caps, KbFlags::flag)) {
      spec.commandLine().getOut().printf("serving %s: SPARQL at %s/kb/sparql, search at"
          + " %s/search%s%n", kb.dir, server.url(), server.url(),
          token == null ? "" : " (bearer token required)");
      spec.commandLine().getOut().flush();
      server.join();
    }
    return 0;
  }
}
