/**
 * The contract every filter stage shares: {@link org.distill4j.filtering.stage.Critic} (judges
 * records batch by batch in input order, may keep compact state across batches),
 * {@link org.distill4j.filtering.stage.CorpusCritic} (must see every record before it judges any:
 * the run spools the records that reach it, lets it observe them once, then judges them in a
 * second pass; a {@link org.distill4j.filtering.stage.GroupedCorpusCritic} keeps its state per
 * group, so it can also run group by group), the
 * {@link org.distill4j.filtering.stage.Assessment} a critic gives each record, the named
 * {@link org.distill4j.filtering.stage.Stage} of a chain, and the
 * {@link org.distill4j.filtering.stage.BuildContext} a filter spec builds its stage with.
 *
 * <p>May import: core and libraries only; no other filtering package. Every critic package
 * imports this one, so it sits at the bottom of the filtering packages.
 */
package org.distill4j.filtering.stage;
