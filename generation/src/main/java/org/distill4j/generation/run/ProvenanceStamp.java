package org.distill4j.generation.run;

import java.time.Instant;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

/**
 * Where a record came from: the run, the teacher (the model the server named, when it did), the
 * recipe and the request.
 *
 * @param runId the run's id
 * @param teacher the configured teacher
 * @param recipe the recipe
 * @param recipeHash the recipe file's hash
 */
record ProvenanceStamp(String runId, TeacherId teacher, Recipe recipe, String recipeHash) {

  Provenance of(TeacherRequest req, String requestHash, TeacherReply reply,
      RenderedPrompt prompt) {
    return Provenance.builder()
        .runId(runId)
        .teacherProvider(teacher.provider())
        .teacherModel(reply.model() != null ? reply.model() : teacher.model())
        .recipeId(recipe.id())
        .recipeVersion(recipe.version())
        .recipeHash(recipeHash)
        .sampling(recipe.samplingParameters())
        .requestHash(requestHash)
        .sampleIndex(req.sampleIndex())
        .createdAt(Instant.now())
        .seedId(RunIdentity.seedId(prompt))
        .build();
  }
}
