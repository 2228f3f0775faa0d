package org.distill4j.generation.run;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.seed.Seed;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherId;

/**
 * The names a run gives its work: the run's identity (what a resume must match), each prompt
 * group's key (what {@code completed.txt} lists) and each prompt's seed id (what provenance
 * shows). They are hashes of the inputs, so the same inputs get the same names on every resume.
 */
final class RunIdentity {
  private RunIdentity() {}

  /** Same identity, same run: a resume; another identity sets the earlier outputs aside. */
  static String of(GenerationSettings settings, TeacherId teacher) {
    return Sha256.hex(settings.recipe().hash() + "|" + teacher.provider() + "|" + teacher.model()
        + "|" + settings.seeds().toAbsolutePath().normalize() + "|"
        + settings.fieldMapping().sources() + "|" + settings.limit());
  }

  /**
   * The key of one prompt group. A rendered prompt is a function of the recipe, the seed's fields
   * and the expansion entry, so hashing those identifies the group without rendering it; the
   * seed's line keeps repeated seeds apart.
   */
  static String groupKey(String recipeHash, TeacherId teacher, Seed seed, int expansion) {
    StringBuilder b = new StringBuilder(recipeHash).append('|')
        .append(teacher.provider()).append('|').append(teacher.model()).append('|')
        .append(seed.source().line()).append('|').append(expansion);
    for (Map.Entry<String, String> f : seed.fields().entrySet()) {
      b.append('\u001f').append(f.getKey()).append('\u001e').append(f.getValue());
    }
    return Sha256.hex(b.toString());
  }

  /**
   * Names the question a prompt asks, the same for all its samples and for every teacher given
   * the same seeds: the seed's {@code id} field, else its file name and line (not the path, which
   * differs with the working directory), with the expansion entry when there are several.
   */
  static String seedId(RenderedPrompt prompt) {
    Seed seed = prompt.seed();
    String id = seed.fields().get("id");
    if (id == null || id.isBlank()) {
      Path name = seed.source().file().getFileName();
      id = (name == null ? seed.source().file() : name) + ":" + seed.source().line();
    }
    return prompt.expansion() == 0 ? id : id + "#" + prompt.expansion();
  }

  /**
   * The user's own id for a seed: its {@code id} field (mapped from any column with
   * {@code --field id=COLUMN}), carried on every record made from it; null when it has none.
   */
  static String externalId(Seed seed) {
    String id = seed.fields().get("id");
    return id == null || id.isBlank() ? null : id;
  }

  /** A fresh run's id: its start time, readable, and a random suffix. */
  static String newRunId(Instant started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
