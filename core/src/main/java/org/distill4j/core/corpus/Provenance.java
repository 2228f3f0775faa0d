package org.distill4j.core.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Where a record came from: which run, teacher, recipe and request wrote it, or which existing
 * resource it was imported from. Every field is optional so that imported knowledge (ATOMIC,
 * WordNet) and hand-written corpora can carry only what they know.
 *
 * @param runId the generation run
 * @param source an imported resource or file, e.g. {@code atomic2019}
 * @param teacherProvider e.g. {@code openai}, {@code ollama}
 * @param teacherModel the model name the server reported or was asked for
 * @param recipeId the recipe file's id
 * @param recipeVersion the recipe's declared version
 * @param recipeHash SHA-256 of the recipe's canonical content
 * @param sampling the sampling parameters of the request
 * @param requestHash the reply-cache key of the request
 * @param sampleIndex which of the n samples of one prompt, from 0
 * @param createdAt when the reply arrived
 * @param seedId the seed (and expansion entry) the prompt was made from: the seed's own {@code id}
 *     field when it has one, else its file name and line; every sample of one question shares
 *     it, so self-consistency can group samples whose question text the teacher reworded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    String runId,
    String source,
    String teacherProvider,
    String teacherModel,
    String recipeId,
    String recipeVersion,
    String recipeHash,
    Sampling sampling,
    String requestHash,
    Integer sampleIndex,
    Instant createdAt,
    String seedId) {

  public Provenance {
    if (sampleIndex != null && sampleIndex < 0) {
      throw new IllegalArgumentException(
          "field \"sampleIndex\" must be 0 or more, found " + sampleIndex);
    }
  }

  /** Provenance of knowledge imported from an existing resource rather than a teacher. */
  public static Provenance imported(String source) {
    return builder().source(source).build();
  }

  /** Provenance for records whose origin nobody recorded. */
  public static Provenance unknown() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Provenance}; unset fields stay null. */
  public static final class Builder {
    private String runId;
    private String source;
    private String teacherProvider;
    private String teacherModel;
    private String recipeId;
    private String recipeVersion;
    private String recipeHash;
    private Sampling sampling;
    private String requestHash;
    private Integer sampleIndex;
    private Instant createdAt;
    private String seedId;

    public Builder runId(String v) { runId = v; return this; }
    public Builder source(String v) { source = v; return this; }
    public Builder teacherProvider(String v) { teacherProvider = v; return this; }
    public Builder teacherModel(String v) { teacherModel = v; return this; }
    public Builder recipeId(String v) { recipeId = v; return this; }
    public Builder recipeVersion(String v) { recipeVersion = v; return this; }
    public Builder recipeHash(String v) { recipeHash = v; return this; }
    public Builder sampling(Sampling v) { sampling = v; return this; }
    public Builder requestHash(String v) { requestHash = v; return this; }
    public Builder sampleIndex(Integer v) { sampleIndex = v; return this; }
    public Builder createdAt(Instant v) { createdAt = v; return this; }
    public Builder seedId(String v) { seedId = v; return this; }

    public Provenance build() {
      return new Provenance(runId, source, teacherProvider, teacherModel, recipeId, recipeVersion,
          recipeHash, sampling, requestHash, sampleIndex, createdAt, seedId);
    }
  }
}
