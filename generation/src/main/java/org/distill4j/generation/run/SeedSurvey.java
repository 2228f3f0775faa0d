package org.distill4j.generation.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.RenderedPrompt;

/** Reads the seeds without sending anything: for a dry run, and for the progress total. */
final class SeedSurvey {
  private final GenerationSettings settings;
  private final PromptRenderer renderer;
  private final int samples;

  SeedSurvey(GenerationSettings settings, PromptRenderer renderer) {
    this.settings = settings;
    this.renderer = renderer;
    this.samples = settings.recipe().recipe().samplingParameters().samples();
  }

  /** Renders prompts and counts requests; keeps the first {@code show} prompts. */
  DryRun dryRun(int show) {
    List<RenderedPrompt> first = new ArrayList<>();
    long seeds = 0;
    long bad = 0;
    long requests = 0;
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      while (rows.hasNext() && withinLimit(seeds + bad)) {
        List<RenderedPrompt> prompts = rendered(rows.next());
        if (prompts == null) {
          bad++;
          continue;
        }
        seeds++;
        requests += (long) prompts.size() * samples;
        for (int i = 0; i < prompts.size() && first.size() < show; i++) {
          first.add(prompts.get(i));
        }
      }
    }
    return new DryRun(first, seeds, bad, requests);
  }

  /**
   * Requests a run will expand to, for progress: readable seed rows × prompts × samples. Rows
   * are not rendered, so a seed that fails to render still counts: the total is an estimate.
   */
  long estimateRequests() {
    long rows = 0;
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> it = reader.rows();
      while (it.hasNext() && withinLimit(rows)) {
        if (it.next() instanceof ParsedLine.Good<Seed>) {
          rows++;
        }
      }
    }
    return rows * renderer.promptsPerSeed() * samples;
  }

  /** The row's prompts, or null for a row that did not parse or render. */
  private List<RenderedPrompt> rendered(ParsedLine<Seed> row) {
    if (!(row instanceof ParsedLine.Good<Seed> g)) {
      return null;
    }
    try {
      return renderer.render(g.value());
    } catch (RuntimeException unusable) {
      return null;
    }
  }

  private boolean withinLimit(long rows) {
    return settings.limit() <= 0 || rows < settings.limit();
  }
}
