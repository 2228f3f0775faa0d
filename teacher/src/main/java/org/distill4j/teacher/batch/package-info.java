/**
 * The batch runner: {@link org.distill4j.teacher.batch.BatchRunner} sends
 * {@link org.distill4j.teacher.TeacherRequest}s through the reply cache, a shared
 * {@link org.distill4j.teacher.batch.RateLimiter} (requests and tokens per minute), a bounded
 * pool of workers and a {@link org.distill4j.teacher.batch.RetryPolicy} (backoff with jitter
 * on 429/5xx/timeouts/broken connections, Retry-After honoured, no retry on other 4xx), and
 * returns one {@link org.distill4j.teacher.batch.Outcome} per request.
 *
 * <p>Public API for other stages (e.g. an LLM judge), stable:
 * <pre>{@code
 * TeacherConfig config = TeacherConfig.load(path).withOverrides(null, model, null, null, null);
 * try (BatchRunner runner = BatchRunner.open(config, cacheDir, RunnerSettings.of(8))) {
 *   List<Outcome> outcomes = runner.runAll(List.of(
 *       TeacherRequest.of(List.of(ChatTurn.system(rubric), ChatTurn.user(item)), sampling)));
 *   // Outcome.Answered(reply.text(), fromCache, attempts) or Outcome.Failed(kind, reason)
 * }
 * }</pre>
 * Or compose by hand: {@code new BatchRunner(teacher, teacherId, ReplyCache.open(dir), settings)}
 * with any {@link org.distill4j.teacher.Teacher}.
 *
 * <p>Imports: the {@code org.distill4j.teacher} contract, {@code teacher.cache} (the runner looks
 * up and stores every reply through the reply cache, which never imports this package) and core;
 * never {@code teacher.provider}: providers are reached through the contract's registry.
 */
package org.distill4j.teacher.batch;
