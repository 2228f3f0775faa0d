/**
 * The filter chain's configuration and run: the YAML chain file
 * ({@link org.distill4j.filtering.chain.ChainConfig}), the registry of filter types
 * ({@link org.distill4j.filtering.chain.FilterSpec}: one record per type, each building its own
 * stage), the settings a front end passes ({@link org.distill4j.filtering.chain.FilterSettings}),
 * the output file names ({@link org.distill4j.filtering.chain.FilterOutputs}), and
 * {@link org.distill4j.filtering.chain.FilterRun}, which streams a corpus through the stages and
 * writes kept, rejected, invalid, the funnel and diversity through a staged swap
 * ({@link org.distill4j.filtering.chain.StagedOutput}).
 *
 * <p>May import: {@code stage} and the critic packages it instantiates ({@code rules},
 * {@code dedup}, {@code critic}, {@code rationale}, {@code comparative}, {@code judge}) and
 * {@code diversity}; none of them imports this package. The teacher module for the judge's
 * runner and cache; {@code org.distill4j.neural.cache} only to create the one (cached) MiniLM
 * embedder a chain shares.
 */
package org.distill4j.filtering.chain;
