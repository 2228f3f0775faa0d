package org.distill4j.generation.run;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.distill4j.generation.run.SettingNames;
import org.distill4j.generation.parse.ParseResult;
import org.distill4j.generation.parse.RecipeParser;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.FailureKind;
import org.distill4j.teacher.batch.Outcome;

/**
 * Asks one sample, re-asking with another seed while replies are unusable, and stops the run at
 * the first refused key. Replies are parsed on the processing pool, not on the runner's thread
 * that waited for them: those are as many as requests in flight, and CPU work spread over dozens
 * of threads on a few cores measured slower end to end (BENCHMARKS.md, stop 11).
 */
final class SampleAsker {
  private final BatchRunner runner;
  private final Executor processing;
  private final RecipeParser parser;
  private final int maxReasks;
  private final TeacherConfig teacher;
  private final SecretRedactor redactor;
  private final FirstFailure failure;

  /** @param teacher the configured teacher; null for one the caller built (SuppliedTeacher) */
  SampleAsker(BatchRunner runner, Executor processing, RecipeParser parser, int maxReasks,
      TeacherConfig teacher, SecretRedactor redactor, FirstFailure failure) {
    this.runner = runner;
    this.processing = processing;
    this.parser = parser;
    this.maxReasks = maxReasks;
    this.teacher = teacher;
    this.redactor = redactor;
    this.failure = failure;
  }

  CompletableFuture<SampleResult> ask(TeacherRequest request, Map<String, String> vars) {
    return sample(request, vars, 0, 0);
  }

  /** True when the sample was not sent because the run stopped (a cost limit). */
  static boolean stopped(SampleResult r) {
    return r.outcome() instanceof Outcome.Failed f && f.kind() == FailureKind.STOPPED;
  }

  /** True when the teacher refused the key for this sample: no failure of the prompt. */
  static boolean refused(SampleResult r) {
    return r.outcome() instanceof Outcome.Failed f && f.kind() == FailureKind.AUTH;
  }

  private CompletableFuture<SampleResult> sample(
      TeacherRequest request, Map<String, String> vars, int reasks, int attemptsSoFar) {
    return runner.submit(request).thenComposeAsync(outcome -> {
      int attempts = attemptsSoFar + attemptsOf(outcome);
      if (outcome instanceof Outcome.Failed f && f.kind() == FailureKind.AUTH) {
        refuseKey(f);
      }
      if (outcome instanceof Outcome.Failed) {
        return CompletableFuture.completedFuture(new SampleResult(outcome, null, attempts, reasks));
      }
      TeacherReply reply = withoutKey(((Outcome.Answered) outcome).reply());
      ParseResult parsed = parser.parse(reply, vars);
      // A cut reply is not re-asked: the same limit would cut it again. Raise max_tokens instead.
      if (!parsed.usable() && !reply.truncated() && reasks < maxReasks) {
        return sample(request.reask(request.variant() + 1), vars, reasks + 1, attempts);
      }
      return CompletableFuture.completedFuture(new SampleResult(outcome, parsed, attempts, reasks));
    }, processing);
  }

  /** Stops the run after the first refused key: every other request would be refused too. */
  private void refuseKey(Outcome.Failed f) {
    String reason = f.reason() == null || f.reason().startsWith("not sent: ") ? "HTTP 401/403"
        : redactor.redact(f.reason());
    reason = reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
    String again = " and run the same command again: finished work is kept and nothing is sent"
        + " twice";
    String problem;
    if (teacher == null) {
      // The caller built the model and gave it its key: there is no variable to name.
      problem = "the teacher " + runner.teacherId().provider() + "/"
          + runner.teacherId().model() + " refused the credentials its ChatModel was built with ("
          + reason + "); build the model with a valid key" + again;
    } else {
      String env = teacher.effectiveKeyEnv();
      problem = "the teacher at " + teacher.effectiveBaseUrl() + " refused "
          + (env == null ? "the request's credentials" : "the API key in " + env)
          + " (" + reason + "); set a valid key"
          + (env == null ? " (name its variable with {setting})" : "") + again;
    }
    if (failure.offer(new TeacherKeyRefusedException(SettingNames.API_KEY_ENV, problem))) {
      runner.halt("the teacher refused the key");
    }
  }

  /** The reply with the key masked, when a teacher wrote it into its answer; records follow. */
  private TeacherReply withoutKey(TeacherReply reply) {
    String text = redactor.redactValues(reply.text());
    return Objects.equals(text, reply.text()) ? reply : reply.withText(text);
  }

  private static int attemptsOf(Outcome o) {
    return o instanceof Outcome.Answered a ? a.attempts() : ((Outcome.Failed) o).attempts();
  }
}
