package org.distill4j.cli.kb;

import picocli.CommandLine.Command;

/** Groups the knowledge-base commands. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = {
      "A knowledge base: a Jena TDB2 RDF store and a Lucene index kept in step, in one folder.",
      "Records keep their provenance (teacher, recipe, run) and scores; query them with SPARQL,"
          + " search them by words or meaning, serve them over HTTP.",
      "Beyond one machine, ingest and sparql also take --endpoint URL: the RDF store on a"
          + " SPARQL server such as Fuseki."
    },
    footer = {"", "Typical use:",
      "  distill kb ingest --kb kb runs/r1/filtered/kept.jsonl",
      "  distill kb search --kb kb \"why do people pay the bill\" -k 5",
      "  distill kb sparql --kb kb \"SELECT ?t WHERE { ?r <https://w3id.org/distill4j/kd#text> ?t } LIMIT 5\"",
      "  distill kb serve --kb kb --port 3030",
      "  distill kb ingest --endpoint http://localhost:3030/kb runs/r1/filtered/kept.jsonl"},
    subcommands = {KbIngestCommand.class, KbImportCommand.class, KbSearchCommand.class,
      KbSparqlCommand.class, KbServeCommand.class, KbExportCommand.class, KbStatsCommand.class,
      KbCheckCommand.class})
public final class KbCommand {}
