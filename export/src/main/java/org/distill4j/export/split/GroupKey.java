package org.distill4j.export.split;

import java.util.regex.Pattern;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.core.knowledge.TextNormalizer;

/**
 * The group a record is split with. In order of preference:
 *
 * <ol>
 *   <li>{@code ext:} the user's own id ({@code externalId}) of the seed or row it was made from;
 *   <li>{@code seed:} the generation seed id, without the {@code #N} that generation appends per
 *       expansion entry, so that all relations asked of one event stay together;
 *   <li>{@code text:} the normalised text the knowledge was asked about: the passage of a QA
 *       pair that has one (all questions on one passage stay together), else its question; a
 *       rationale's question; a triple's head event; a comparative's two entities in either
 *       order.
 * </ol>
 */
public final class GroupKey {
  private static final Pattern EXPANSION = Pattern.compile("#\\d+$");

  private static final Knowledge.Visitor<String> ASKED_ABOUT = new Knowledge.Visitor<>() {
    @Override
    public String qa(QaPair q) {
      return q.context() != null ? q.context() : q.question();
    }

    @Override
    public String rationale(Rationale r) {
      return r.question();
    }

    @Override
    public String comparative(Comparative c) {
      String a = TextNormalizer.normalize(c.subject());
      String b = TextNormalizer.normalize(c.object());
      return a.compareTo(b) <= 0 ? a + " | " + b : b + " | " + a;
    }

    @Override
    public String triple(CommonsenseTriple t) {
      return t.head();
    }
  };

  private GroupKey() {}

  /** The group key of {@code record}, prefixed with where it came from. */
  public static String of(CorpusRecord record) {
    if (record.externalId() != null) {
      return "ext:" + record.externalId();
    }
    String seed = record.provenance().seedId();
    if (seed != null && !seed.isBlank()) {
      return "seed:" + EXPANSION.matcher(seed).replaceFirst("");
    }
    return "text:" + TextNormalizer.normalize(record.knowledge().accept(ASKED_ABOUT));
  }
}
