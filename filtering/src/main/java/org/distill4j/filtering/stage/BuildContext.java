package org.distill4j.filtering.stage;

import java.nio.file.Path;
import java.util.Optional;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.teacher.SuppliedTeacher;

/**
 * What a filter spec gets when it builds its stage: where its relative paths start, the shared
 * embedding model, a place to hand what it opens (closed after the run), and the stage's name and
 * type, which {@link #streaming} and {@link #wholeCorpus} put on the stage they make.
 */
public interface BuildContext {

  /** A path from the chain file, resolved against the chain file's folder. */
  Path resolve(String path);

  /** The text embedder (all-MiniLM-L6-v2), created once per chain on first use. */
  TextEmbedder embedder();

  /** Keeps {@code resource} open until the run ends; closed in reverse order. */
  <T extends AutoCloseable> T hold(T resource);

  /**
   * The teacher a judge uses when its chain entry names none: a model the caller gave the run
   * in code ({@code FilterSettings.Builder.judge}); empty when none was given.
   */
  default Optional<SuppliedTeacher> judgeTeacher() {
    return Optional.empty();
  }

  /** The stage's name, unique within the chain. */
  String name();

  /** The stage's registered type id. */
  String type();

  /** A streaming stage with this context's name and type. */
  default Stage streaming(Critic critic) {
    return new Stage.Streaming(name(), type(), critic);
  }

  /** A whole-corpus stage with this context's name and type. */
  default Stage wholeCorpus(CorpusCritic critic) {
    return new Stage.WholeCorpus(name(), type(), critic);
  }
}
