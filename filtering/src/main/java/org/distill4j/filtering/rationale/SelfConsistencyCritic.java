package org.distill4j.filtering.rationale;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.GroupedCorpusCritic;

/**
 * Self-consistency over several sampled rationales per question: the majority final answer wins,
 * and the samples that reached it are kept when it is backed by at least {@code minAgreement} of
 * the samples. With several teachers, each teacher's own majority is compared with the overall
 * one, and the question's samples are kept only when at least {@code minTeacherAgreement} of the
 * teachers agree.
 *
 * <p>Samples of one question are grouped by {@code groupBy}: by the seed they were generated
 * from (provenance {@code seedId}, shared by every sample and teacher even when the teacher
 * rewords the question), or by the normalised question text.
 *
 * <p>Whole-corpus: state is, per question, a count per distinct answer (and per teacher); texts
 * are not kept. Kinds without a question and answer pass untouched. Score: the agreement share.
 *
 * @param minAgreement smallest share of samples the majority answer needs, in (0, 1]
 * @param minTeacherAgreement smallest share of teachers whose majority must match, in [0, 1]
 * @param groupBy what makes two samples answers to the same question
 */
public record SelfConsistencyCritic(double minAgreement, double minTeacherAgreement,
    GroupBy groupBy) implements GroupedCorpusCritic {

  /** What makes two samples answers to the same question ({@code group_by} in a chain file). */
  public enum GroupBy {
    /** The seed id when the record has one, else the normalised question text. */
    AUTO,
    /** The seed id; records without one are rejected. */
    SEED_ID,
    /** The normalised question text. */
    QUESTION;

    /** Parses {@code auto}, {@code seed_id} or {@code question}; null means auto. */
    public static GroupBy parse(String value) {
      if (value == null) {
        return AUTO;
      }
      for (GroupBy g : values()) {
        if (g.name().equalsIgnoreCase(value.strip())) {
          return g;
        }
      }
      throw new IllegalArgumentException("group_by must be auto, seed_id or question, found \""
          + value + "\"");
    }
  }

  public SelfConsistencyCritic {
    if (minAgreement <= 0 || minAgreement > 1 || minTeacherAgreement < 0
        || minTeacherAgreement > 1) {
      throw new IllegalArgumentException("min_agreement must be in (0, 1] and"
          + " min_teacher_agreement in [0, 1], found " + minAgreement + " and "
          + minTeacherAgreement);
    }
    groupBy = groupBy == null ? GroupBy.AUTO : groupBy;
  }

  /** Grouped by seed id when present, else by question text. */
  public SelfConsistencyCritic(double minAgreement, double minTeacherAgreement) {
    this(minAgreement, minTeacherAgreement, GroupBy.AUTO);
  }

  /**
   * The group of a record: its question (the seed id or the question text, as {@code groupBy}
   * says); null for kinds without a question, empty when {@code seed_id} is asked for and the
   * record has none (every such record is rejected).
   */
  @Override
  public String group(CorpusRecord r) {
    String q = Answers.question(r.knowledge());
    if (q == null) {
      return null;
    }
    String seed = r.provenance().seedId();
    return switch (groupBy) {
      case QUESTION -> "question:" + q;
      case SEED_ID -> seed == null ? "" : "seed:" + seed;
      case AUTO -> seed != null ? "seed:" + seed : "question:" + q;
    };
  }

  @Override
  public Critic observe(Iterator<CorpusRecord> records) {
    Map<String, Map<String, Map<String, Integer>>> counts = new HashMap<>();
    while (records.hasNext()) {
      CorpusRecord r = records.next();
      String q = group(r);
      if (q == null || q.isEmpty()) {
        continue;
      }
      String a = Answers.answer(r.knowledge());
      counts.computeIfAbsent(q, x -> new HashMap<>())
          .computeIfAbsent(teacher(r), x -> new HashMap<>())
          .merge(a == null ? "" : a, 1, Integer::sum);
    }
    Map<String, Decision> decisions = new HashMap<>();
    counts.forEach((q, byTeacher) -> decisions.put(q, decide(byTeacher)));
    return Critic.perRecord(r -> judge(r, decisions));
  }

  private Assessment judge(CorpusRecord r, Map<String, Decision> decisions) {
    String q = group(r);
    if (q == null) {
      return Assessment.keep();
    }
    if (q.isEmpty()) {
      return Assessment.reject("no provenance seedId to group by (group_by: seed_id); records"
          + " written before seed ids were recorded need group_by: question");
    }
    Decision d = decisions.get(q);
    String a = Answers.answer(r.knowledge());
    if (d.majority == null) {
      return Assessment.reject("no majority answer: " + d.detail, d.agreement);
    }
    if (a == null || !a.equals(d.majority)) {
      return Assessment.reject("answer \"" + (a == null ? "(none)" : a)
          + "\" disagrees with the majority \"" + d.majority + "\" (" + d.detail + ")",
          d.agreement);
    }
    if (d.agreement < minAgreement) {
      return Assessment.reject(String.format(Locale.ROOT,
          "majority \"%s\" has only %s, below %.2f", d.majority, d.detail, minAgreement),
          d.agreement);
    }
    if (d.teacherAgreement < minTeacherAgreement) {
      return Assessment.reject(String.format(Locale.ROOT,
          "only %.2f of the teachers agree on \"%s\", below %.2f", d.teacherAgreement,
          d.majority, minTeacherAgreement), d.agreement);
    }
    return Assessment.keep(d.agreement).withScore("teachers", d.teacherAgreement);
  }

  private static String teacher(CorpusRecord r) {
    String m = r.provenance().teacherModel();
    String p = r.provenance().teacherProvider();
    return (p == null ? "" : p) + "/" + (m == null ? "" : m);
  }

  private record Decision(String majority, double agreement, double teacherAgreement,
      String detail) {}

  private static Decision decide(Map<String, Map<String, Integer>> byTeacher) {
    Map<String, Integer> total = new HashMap<>();
    byTeacher.values().forEach(m -> m.forEach((a, c) -> total.merge(a, c, Integer::sum)));
    int n = total.values().stream().mapToInt(Integer::intValue).sum();
    String best = top(total);
    if (best == null || best.isEmpty()) {
      return new Decision(null, 0, 0, "tie or no readable answer among " + n + " samples "
          + total);
    }
    double agreement = (double) total.get(best) / n;
    int agreeing = 0;
    for (Map<String, Integer> m : byTeacher.values()) {
      if (best.equals(top(m))) {
        agreeing++;
      }
    }
    return new Decision(best, agreement, (double) agreeing / byTeacher.size(),
        total.get(best) + " of " + n + " samples");
  }

  /** The answer with the most votes, or null on a tie for first place. */
  private static String top(Map<String, Integer> counts) {
    String best = null;
    int bestCount = -1;
    boolean tie = false;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
        tie = false;
      } else if (e.getValue() == bestCount) {
        tie = true;
      }
    }
    return tie ? null : best;
  }
}
