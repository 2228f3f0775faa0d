/** The {@code distill kb} commands: ingest, import, search, sparql, serve, export, stats, check. */
package org.distill4j.cli.kb;
