package org.distill4j.generation.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.cost.ProjectionTally;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyPeek;
import org.distill4j.teacher.tokens.TokenCounter;

/**
 * Reads the seeds without sending anything: for a dry run, and for the projection every
 * invocation makes at its start (which also gives the progress total). Every prompt is rendered
 * and its tokens counted; every request is looked up, read-only, in the reply cache, since a
 * cached reply costs nothing and tells how long replies run.
 *
 * <p>Groups an earlier invocation of the same run finished ({@code completed.txt}) are sent
 * again by no one, so they cost nothing whatever the cache holds: they are counted without
 * rendering or look-ups (the cost of a rerun of a finished run), except the first
 * {@value #OBSERVED_DONE} of them, whose cached replies still tell how long replies run.
 */
final class SeedSurvey {
  private final GenerationSettings settings;
  private final PromptRenderer renderer;
  /** Finished groups still looked up, so that a mostly finished run keeps its reply lengths. */
  static final int OBSERVED_DONE = 256;

  private final Recipe recipe;
  private final Set<String> completed;
  private long observedDone;

  /**
   * @param completed the keys of the groups finished by earlier invocations of this same run
   *     (empty for a new run or a dry run that should look at every request)
   */
  SeedSurvey(GenerationSettings settings, PromptRenderer renderer, Set<String> completed) {
    this.settings = settings;
    this.renderer = renderer;
    this.recipe = settings.recipe().recipe();
    this.completed = completed;
  }

  /** Renders prompts, counts requests and projects their cost; keeps the first {@code show}. */
  DryRun dryRun(int show) {
    List<RenderedPrompt> first = new ArrayList<>();
    long seeds = 0;
    long bad = 0;
    ProjectionTally tally = new ProjectionTally();
    CostSettings cost = settings.cost();
    Integer maxTokens = recipe.samplingParameters().maxTokens();
    try (SeedReader reader = settings.openSeeds();
        TokenCounter counter = cost.counter();
        ReplyPeek cache = ReplyPeek.open(settings.cacheDir())) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      while (rows.hasNext() && withinLimit(seeds + bad)) {
        ParsedLine<Seed> row = rows.next();
        boolean done = finished(row);
        if (done && first.size() >= show && observedDone >= OBSERVED_DONE) {
          seeds++;
          tally.addAnswered((long) renderer.promptsPerSeed()
              * recipe.samplingParameters().samples());
          continue;
        }
        observedDone += done ? 1 : 0;
        List<RenderedPrompt> prompts = rendered(row);
        if (prompts == null) {
          bad++;
          continue;
        }
        seeds++;
        for (RenderedPrompt p : prompts) {
          tallyPrompt(p, counter, cache, tally, maxTokens, done);
          if (first.size() < show) {
            first.add(p);
          }
        }
      }
      Projection projection = tally.result(cost, counter, maxTokens, settings.batch() != null);
      return new DryRun(first, seeds, bad, projection.requests(), projection);
    }
  }

  /** The projection alone, for the start of a run. */
  Projection project() {
    return dryRun(0).projection();
  }

  /** Whether every group of the row was finished by an earlier invocation of this run. */
  private boolean finished(ParsedLine<Seed> row) {
    TeacherId teacher = settings.cost().teacher();
    if (completed.isEmpty() || teacher == null || !(row instanceof ParsedLine.Good<Seed> g)) {
      return false;
    }
    for (int e = 0; e < renderer.promptsPerSeed(); e++) {
      if (!completed.contains(RunIdentity.groupKey(settings.recipe().hash(), teacher, g.value(),
          e))) {
        return false;
      }
    }
    return true;
  }

  private void tallyPrompt(RenderedPrompt prompt, TokenCounter counter, ReplyPeek cache,
      ProjectionTally tally, Integer maxTokens, boolean done) {
    long tokens = done ? 0 : counter.count(prompt.messages());
    for (TeacherRequest r : PromptRequests.of(recipe, prompt)) {
      // Without a teacher identity there is no cache key: nothing counts as answered.
      TeacherReply cached = settings.cost().teacher() == null ? null
          : cache.find(CacheKey.of(settings.cost().teacher(), r), maxTokens).orElse(null);
      if (done) {
        tally.addAnswered(cached);
      } else {
        tally.add(tokens, cached);
      }
    }
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
