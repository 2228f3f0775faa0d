package org.distill4j.cli.kb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.kb.query.QueryPolicy;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The {@code --allow-service} and {@code --max-rows} options of {@code kb sparql} and serve. */
public final class QueryLimitOptions {
  @Option(names = "--allow-service", paramLabel = "URL", showDefaultValue = Visibility.NEVER,
      description = "Let SERVICE <URL> call this SPARQL endpoint (exact URL; repeat for more)."
          + " Without it every federated query is refused, so a query cannot make this process"
          + " fetch a URL.")
  List<String> allowedServices = new ArrayList<>();

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + QueryPolicy.DEFAULT_MAX_ROWS,
      converter = OptionRanges.AtLeastOne.class,
      description = "Write at most N rows (SELECT solutions; triples for CONSTRUCT/DESCRIBE)"
          + " per answer; a longer answer is cut and marked as truncated.")
  int maxRows;

  /** The policy these options describe. */
  QueryPolicy policy() {
    return new QueryPolicy(new LinkedHashSet<>(allowedServices), maxRows);
  }
}
