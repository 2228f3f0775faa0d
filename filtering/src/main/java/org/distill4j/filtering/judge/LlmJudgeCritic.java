package org.distill4j.filtering.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.Outcome;
import org.distill4j.teacher.TeacherRequest;

/**
 * Rates each record with an LLM judge and keeps those scoring at least {@code threshold}. Every
 * batch goes through the teacher module's {@link BatchRunner} at once, so requests run concurrently,
 * are cached (a rerun sends none) and retried. The score is read with {@link JudgeScoreParser};
 * a reply without a readable score, or a request that failed after its retries, rejects the
 * record with the reason and the reply quoted, never a made-up score.
 *
 * <p>A judge of the same model as the teacher favours its own writing; when a record's teacher
 * model equals the judge's, the critic adds the score {@code sameModel = 1} so reports can show
 * how much of the corpus was judged that way, and logs a warning once.
 */
public final class LlmJudgeCritic implements Critic {
  private static final System.Logger LOG = System.getLogger(LlmJudgeCritic.class.getName());
  private final BatchRunner runner;
  private final JudgeRubric rubric;
  private final JudgeScoreParser parser;
  private final double threshold;
  private boolean warned;

  /**
   * @param runner the teacher runner bound to the judge's teacher and reply cache
   * @param rubric the prompt and scale
   * @param threshold keep records scoring at least this
   */
  public LlmJudgeCritic(BatchRunner runner, JudgeRubric rubric, double threshold) {
    this.runner = runner;
    this.rubric = rubric;
    this.parser = new JudgeScoreParser(rubric.scale().min(), rubric.scale().max());
    this.threshold = threshold;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    List<TeacherRequest> requests = new ArrayList<>(batch.size());
    for (CorpusRecord r : batch) {
      requests.add(TeacherRequest.of(rubric.messages(r.knowledge()), rubric.samplingParameters()));
    }
    List<Outcome> outcomes = runner.runAll(requests);
    List<Assessment> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      boolean same = Objects.equals(batch.get(i).provenance().teacherModel(),
          runner.teacherId().model());
      if (same && !warned) {
        warned = true;
        LOG.log(System.Logger.Level.WARNING, "the judge " + runner.teacherId().model()
            + " also wrote some records; it tends to rate its own writing higher");
      }
      Assessment a = judge(outcomes.get(i));
      out.add(same ? a.withScore("sameModel", 1) : a);
    }
    return out;
  }

  private Assessment judge(Outcome outcome) {
    if (outcome instanceof Outcome.Failed f) {
      return Assessment.reject("judge request failed after " + f.attempts() + " attempt(s): "
          + f.kind() + " " + f.reason());
    }
    Outcome.Answered a = (Outcome.Answered) outcome;
    if (a.reply().truncated()) {
      return Assessment.reject("judge reply was cut at the token limit: " + quote(a.reply()
          .text()));
    }
    JudgeScore s = parser.parse(a.reply().text());
    if (!s.found()) {
      return Assessment.reject("judge reply has no usable score (" + s.how() + "): "
          + quote(a.reply().text()));
    }
    if (s.score() < threshold) {
      return Assessment.reject(String.format(Locale.ROOT, "judge score %.2f below %.2f",
          s.score(), threshold), s.score());
    }
    return Assessment.keep(s.score());
  }

  private static String quote(String text) {
    if (text == null) {
      return "(no text)";
    }
    String t = text.strip().replace('\n', ' ');
    return "\"" + (t.length() > 200 ? t.substring(0, 200) + "…" : t) + "\"";
  }
}
