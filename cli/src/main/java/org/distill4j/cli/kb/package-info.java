/**
 * The {@code distill kb} commands: ingest, import, search, sparql, serve, export, stats, check.
 * Each translates its flags into the knowledge base's settings and calls it ({@code Ingest} for
 * ingest and import); {@code KbFlags} spells a setting the knowledge base complains about as
 * the flag that sets it.
 *
 * <p>May import: {@code org.distill4j.core}, {@code org.distill4j.kb}, picocli and the cli's
 * shared option helpers; nothing of the pipeline.
 */
package org.distill4j.cli.kb;
