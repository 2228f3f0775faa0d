package org.distill4j.generation.run;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherRequest;

/**
 * The requests of one prompt group: one per sample, first asks only. The synchronous pass, the
 * batch phase and the cost projection all build them here, so a batched request has the very
 * cache key the synchronous pass then looks up, and the projection looks up the same keys.
 */
final class PromptRequests {
  private PromptRequests() {}

  static List<TeacherRequest> of(Recipe recipe, RenderedPrompt prompt) {
    int samples = recipe.samplingParameters().samples();
    List<TeacherRequest> requests = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      requests.add(new TeacherRequest(prompt.messages(), recipe.samplingParameters(), i, 0,
          recipe.replySchema()));
    }
    return requests;
  }
}
