package org.distill4j.cli.kb;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.jena.query.Query;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.InputException;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.GuardedQuery;
import org.distill4j.kb.query.QueryGuard;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.query.SparqlFormat;
import org.distill4j.kb.query.SparqlOutcome;
import org.distill4j.kb.query.SparqlRunner;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a read-only SPARQL query against a knowledge base. */
@Command(
    name = "sparql",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Run one SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the store. Records are"
          + " kd:Record resources with kd:text, kd:kind, kd:relation, kind fields (kd:head,"
          + " kd:tail, kd:question...), kd:hasScore/kd:scoreValue and PROV-O provenance;"
          + " kd: is https://w3id.org/distill4j/kd#.",
      "The query reads only this store: SERVICE is refused (exit 2) unless its endpoint is"
          + " given with --allow-service; java: functions and predicates are refused;"
          + " FROM/FROM NAMED select graphs of the store by name and never load a file or URL;"
          + " updates (INSERT, DELETE, LOAD...) do not parse as queries.",
      "At most --max-rows rows (or triples) are written; a cut answer ends with the line"
          + " '# truncated at N rows; ...' in table, CSV and Turtle output, and for JSON the"
          + " same note goes to standard error.",
      "With --endpoint URL instead of --kb DIR the query runs on a SPARQL server holding the"
          + " store (see kb ingest --endpoint), with the same checks, cap and output formats;"
          + " --timeout limits the HTTP request.",
    },
    footer = {"", "Examples:",
      "  distill kb sparql --kb kb 'PREFIX kd: <https://w3id.org/distill4j/kd#>"
          + " SELECT ?rel (COUNT(*) AS ?n) { ?r kd:relation ?rel } GROUP BY ?rel'",
      "  distill kb sparql --kb kb --file top-facts.rq --format csv --max-rows 100000 > facts.csv",
      "  distill kb sparql --kb kb --allow-service https://query.wikidata.org/sparql"
          + " --file fed.rq",
      "  distill kb sparql --endpoint http://localhost:3030/kb --format json --file top-facts.rq"})
public final class KbSparqlCommand implements Callable<Integer>, KbSpelling {
  @Spec CommandSpec spec;

  @Option(names = "--kb", paramLabel = "DIR", description = KbDirectory.DESCRIPTION
      + " Give this or --endpoint.")
  Path kbDir;

  @Mixin EndpointOptions endpoint;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Parameters(paramLabel = "QUERY", description = "The query text.")
    String text;

    @Option(names = "--file", paramLabel = "F", description = "Read the query from this file.")
    Path file;
  }

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
      description = "Result format: table, json or csv.")
  SparqlFormat format;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      converter = OptionRanges.AtLeastOne.class,
      description = "Cancel the query after this many seconds.")
  int timeout;

  @Mixin QueryLimitOptions limits;

  @Override
  public Integer call() throws IOException {
    return query();
  }

  private int query() throws IOException {
    if ((kbDir == null) == !endpoint.given()) {
      throw new ParameterException(spec.commandLine(), kbDir == null
          ? "Missing required option: give --kb DIR or --endpoint URL"
          : "--kb DIR and --endpoint URL are alternatives: give one");
    }
    String text;
    String origin;
    if (source.file != null) {
      if (!Files.isReadable(source.file)) {
        throw new InputException(source.file + ": file not found");
      }
      text = Files.readString(source.file, StandardCharsets.UTF_8);
      origin = source.file.toString();
    } else {
      text = source.text;
      origin = "query";
    }
    Duration limit = Duration.ofSeconds(timeout);
    QueryPolicy policy = limits.policy();
    Query query = SparqlRunner.parse(text, origin);
    // Refused before the store is opened: a refused query touches nothing.
    GuardedQuery checked = new QueryGuard(policy).guarded(query, origin);
    RemoteEndpoint remote = endpoint.endpoint(limit);
    if (remote != null) {
      write(new SparqlRunner(RemoteStore.connect(remote), limit, policy, KbFlags::flag), checked);
      return 0;
    }
    try (KnowledgeBase base = KbDirectory.open(kbDir, false)) {
      write(new SparqlRunner(base.store().dataset(), limit, policy, KbFlags::flag), checked);
    }
    return 0;
  }

  private void write(SparqlRunner runner, GuardedQuery checked) throws IOException {
    PrintWriter writer = spec.commandLine().getOut();
    writer.flush();
    OutputStream out = new WriterStream(writer);
    SparqlOutcome outcome = runner.run(checked, format, out);
    out.flush();
    if (outcome.truncated() && format == SparqlFormat.JSON) {
      spec.commandLine().getErr().println(
          SparqlRunner.truncationNote(limits.policy().maxRows(), KbFlags::flag));
      spec.commandLine().getErr().flush();
    }
  }

  /** Sends Jena's byte output to picocli's writer, so tests and redirection see it alike. */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public void flush() {
      writer.write(buffer.toString(StandardCharsets.UTF_8));
      writer.flush();
      buffer.reset();
    }
  }
}
