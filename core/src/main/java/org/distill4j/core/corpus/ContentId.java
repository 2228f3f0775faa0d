package org.distill4j.core.corpus;

import org.distill4j.core.hash.Sha256;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.TextNormalizer;

/**
 * The stable id of a piece of knowledge: a hash of its kind and normalised identity fields. The
 * same knowledge written twice (other case, spacing, teacher or run) gets the same id, which is
 * what makes re-ingesting idempotent.
 */
public final class ContentId {
  /** 128 bits of the SHA-256, as 32 hex characters. */
  public static final int LENGTH = 32;

  private ContentId() {}

  public static String of(Knowledge knowledge) {
    StringBuilder key = new StringBuilder(knowledge.kind().id());
    for (String field : knowledge.identityFields()) {
      // The unit separator cannot occur in normalised text, so field boundaries stay unambiguous.
      key.append('\u001f').append(TextNormalizer.normalize(field));
    }
    return Sha256.hex(key.toString()).substring(0, LENGTH);
  }
}
