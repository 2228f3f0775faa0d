package org.distill4j.generation.run;

import java.util.List;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.recipe.RenderedPrompt;

/**
 * What a dry run shows: the first prompts, how many requests a run would send, and what they
 * are projected to cost.
 *
 * @param firstPrompts the first rendered prompts, at most as many as asked for
 * @param seeds seed rows that rendered
 * @param badSeeds seed rows that did not parse or render
 * @param requests requests a run would expand to
 * @param projection tokens and cost of those requests, cached ones apart
 */
public record DryRun(List<RenderedPrompt> firstPrompts, long seeds, long badSeeds,
    long requests, Projection projection) {}
