package org.distill4j.teacher.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;

/**
 * Sends teacher requests as fast as the teacher allows and never pays twice: each request is
 * looked up in the {@link ReplyCache} first; otherwise it waits for the rate limiter, is sent on
 * one of {@code concurrency} workers (so no more are ever in flight), retried per the {@link
 * RetryPolicy}, and its reply is stored in the cache (logged, so a kill of the process cannot lose
 * it; visible to lookups; committed within milliseconds) before its worker takes the next request
 * and before anyone sees it. After a {@code kill -9} at most the requests in flight, never more
 * than {@code concurrency}, are sent again.
 *
 * <p>Use it for any batch of prompts, e.g. a judge's rubric prompts:
 *
 * <pre>{@code
 * try (BatchRunner runner = new BatchRunner(teacher, teacherId, cache, RunnerSettings.of(8))) {
 *   List<Outcome> outcomes = runner.runAll(requests);   // same order as requests
 * }
 * }</pre>
 *
 * {@link #submit} never blocks; callers that stream millions of requests bound how many they
 * have outstanding themselves.
 */
public final class BatchRunner implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BatchRunner.class.getName());

  private final Teacher teacher;
  private final TeacherId teacherId;
  private final ReplyCache cache;
  private final RunnerSettings settings;
  private final RateLimiter limiter;
  private final ExecutorService workers;
  private final RunnerStats stats = new RunnerStats();
  private boolean ownsCache;
  private volatile String halted;
  private volatile String stopped;
  private volatile SpendWatch spendWatch;

  /**
   * @param teacher who answers
   * @param teacherId the teacher's identity, part of every cache key
   * @param cache where replies are stored and looked up
   * @param settings concurrency, rate limits and retries
   */
  public BatchRunner(
      Teacher teacher, TeacherId teacherId, ReplyCache cache, RunnerSettings settings) {
    this.teacher = teacher;
    this.teacherId = teacherId;
    this.cache = cache;
    this.settings = settings;
    this.limiter = new RateLimiter(settings.requestsPerMinute(), settings.tokensPerMinute());
    this.workers = Executors.newFixedThreadPool(settings.concurrency(), daemonThreads());
  }

  /**
   * A runner for the teacher a config describes, with its own reply cache in {@code cacheDir}
   * (closed with the runner). The usual entry point for other stages, e.g. an LLM judge:
   *
   * <pre>{@code
   * try (BatchRunner judge = BatchRunner.open(config, runDir.resolve("judge-cache"), RunnerSettings.of(8))) {
   *   List<Outcome> replies = judge.runAll(rubricRequests);
   * }
   * }</pre>
   */
  public static BatchRunner open(TeacherConfig config, Path cacheDir, RunnerSettings settings) {
    Teacher teacher = new ChatModelFactory().teacher(config);
    ReplyCache cache = ReplyCache.open(cacheDir);
    BatchRunner runner = new BatchRunner(teacher, config.id(), cache, settings);
    runner.ownsCache = true;
    return runner;
  }

  /** The key a request is cached under. */
  public CacheKey keyOf(TeacherRequest request) {
    return CacheKey.of(teacherId, request);
  }

  public TeacherId teacherId() {
    return teacherId;
  }

  /**
   * Starts a request; the future completes with its outcome and never exceptionally. A fresh
   * reply is stored in the cache, safe from a process kill, before the future completes; call
   * {@link #awaitStored()} before making anything derived from outcomes durable (records in a
   * file, a "done" mark): it reports a cache that could not be written.
   */
  public CompletableFuture<Outcome> submit(TeacherRequest request) {
    CacheKey key = keyOf(request);
    return CompletableFuture.supplyAsync(() -> run(request, key), workers);
  }

  /**
   * Runs every request and waits; outcomes are in the order of {@code requests}, and every fresh
   * reply among them is committed to the cache.
   */
  public List<Outcome> runAll(List<TeacherRequest> requests) {
    List<CompletableFuture<Outcome>> futures = new ArrayList<>(requests.size());
    for (TeacherRequest r : requests) {
      futures.add(submit(r));
    }
    List<Outcome> out = new ArrayList<>(requests.size());
    for (CompletableFuture<Outcome> f : futures) {
      out.add(f.join());
    }
    cache.awaitCommitted(cache.lastQueued());
    return out;
  }

  /**
   * Sends nothing more: every request not yet sent ends as {@link FailureKind#AUTH} with this
   * reason. For when the teacher refused the key, so that a run stops after the requests
   * already in flight instead of after every queued one.
   */
  public void halt(String reason) {
    halted = reason;
  }

  /**
   * Sends nothing more: every request not yet sent (queued, waiting for the rate limiter or for
   * its next retry) ends as {@link FailureKind#STOPPED} with this reason; requests already in
   * flight finish, and requests the cache answers are still answered. For a spending limit: the
   * overshoot is at most what the requests in flight at that moment cost. The first reason
   * given is kept.
   */
  public synchronized void stop(String reason) {
    if (stopped == null) {
      stopped = reason;
    }
  }

  /** Why {@link #stop} was called, or null while the runner may send. */
  public String stopReason() {
    return stopped;
  }

  /**
   * Shows every fresh reply, once stored, to {@code watch}; when it answers a reason, the runner
   * {@link #stop stops}. Set it before submitting requests.
   */
  public void watchSpend(SpendWatch watch) {
    this.spendWatch = watch;
  }

  /**
   * Makes sure every reply this runner has received so far survives a process kill (they were
   * logged as they came, so this does not wait); throws when the cache could not be written.
   */
  public void awaitStored() {
    cache.awaitStored(cache.lastQueued());
  }

  /** The live counters. */
  public RunnerStats stats() {
    return stats;
  }

  /** One request: the cached reply when there is one, else the teacher's. */
  private Outcome run(TeacherRequest request, CacheKey key) {
    Integer maxTokens = request.sampling().maxTokens();
    Optional<TeacherReply> cached = cache.find(key, maxTokens);
    if (cached.isPresent()) {
      stats.cacheHits.incrementAndGet();
      stats.answered.incrementAndGet();
      return new Outcome.Answered(request, key, cached.get(), true, 0);
    }
    return send(request, key, maxTokens);
  }

  /**
   * Sends the request, within the rate limits, until it is answered, fails for good or the
   * runner is halted.
   */
  private Outcome send(TeacherRequest request, CacheKey key, Integer maxTokens) {
    int attempt = 0;
    while (true) {
      String stop = halted;
      if (stop != null) {
        // Queued behind a refused key: sending it would only be refused too.
        return failed(request, key, FailureKind.AUTH, "not sent: " + stop, attempt);
      }
      if (stopped != null) {
        return failed(request, key, FailureKind.STOPPED, "not sent: " + stopped, attempt);
      }
      attempt++;
      int reserved;
      try {
        reserved = limiter.acquire(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed(request, key, FailureKind.OTHER, "interrupted", attempt - 1);
      }
      if (stopped != null) {
        // Stopped while this one waited for the rate limiter: it was never sent.
        limiter.settle(reserved, 0, 0);
        return failed(request, key, FailureKind.STOPPED, "not sent: " + stopped, attempt - 1);
      }
      stats.attempts.incrementAndGet();
      if (attempt > 1) {
        stats.retries.incrementAndGet();
      }
      stats.enter();
      TeacherReply reply;
      try {
        reply = teacher.ask(request);
      } catch (RuntimeException e) {
        stats.leave();
        Optional<Outcome> gaveUp = backOffOrGiveUp(request, key, e, attempt);
        if (gaveUp.isPresent()) {
          return gaveUp.get();
        }
        continue;
      }
      stats.leave();
      return answered(request, key, maxTokens, reply, reserved, attempt);
    }
  }

  /**
   * After a failed attempt: counts the error, halts the runner on a refused key, and either
   * sleeps out the retry policy's delay (empty: try again) or returns the failure.
   */
  private Optional<Outcome> backOffOrGiveUp(
      TeacherRequest request, CacheKey key, RuntimeException e, int attempt) {
    FailureKind kind = RetryPolicy.classify(e);
    stats.error(kind);
    if (kind == FailureKind.AUTH) {
      // Right here, not when the outcome is processed: every worker would otherwise take
      // its next queued request and have it refused meanwhile.
      halt("the teacher refused the key");
    }
    Optional<Duration> wait = settings.retry().delayAfter(e, attempt);
    if (wait.isEmpty()) {
      return Optional.of(failed(request, key, kind, describe(e, teacher.redactor()), attempt));
    }
    LOG.log(System.Logger.Level.DEBUG, "attempt {0} failed ({1}); retrying in {2}",
        attempt, kind, wait.get());
    try {
      Thread.sleep(wait.get().toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return Optional.of(failed(request, key, kind, describe(e, teacher.redactor()), attempt));
    }
    return Optional.empty();
  }

  /**
   * A fresh reply: settles its tokens with the limiter, counts them, and stores it (logged)
   * before anyone parses it and before this worker takes another request: a parser bug or a kill
   * never costs a second request.
   */
  private Outcome answered(TeacherRequest request, CacheKey key, Integer maxTokens,
      TeacherReply reply, int reserved, int attempt) {
    limiter.settle(reserved, reply.inputTokens(), reply.outputTokens());
    countUsage(reply);
    cache.store(key, maxTokens, reply);
    stats.answered.incrementAndGet();
    SpendWatch watch = spendWatch;
    if (watch != null) {
      // After the store: the reply is paid for and kept whatever the watch decides.
      String stop = watch.afterReply(request, reply);
      if (stop != null) {
        stop(stop);
      }
    }
    return new Outcome.Answered(request, key, reply, false, attempt);
  }

  private void countUsage(TeacherReply reply) {
    if (reply.inputTokens() == null || reply.outputTokens() == null) {
      stats.unknownUsage.incrementAndGet();
    }
    if (reply.inputTokens() != null) {
      stats.inputTokens.addAndGet(reply.inputTokens());
    }
    if (reply.outputTokens() != null) {
      stats.outputTokens.addAndGet(reply.outputTokens());
    }
  }

  private Outcome failed(
      TeacherRequest request, CacheKey key, FailureKind kind, String reason, int attempts) {
    stats.failed.incrementAndGet();
    return new Outcome.Failed(request, key, kind, reason, attempts);
  }

  /** The error's class and message, first line only; errors never carry the API key. */
  static String describe(Throwable e) {
    return describe(e, SecretRedactor.patternsOnly());
  }

  /** The error in one line, credentials masked before it is cut (a cut key would not match). */
  static String describe(Throwable e, SecretRedactor redactor) {
    String msg = e.getMessage();
    if (msg == null && e.getCause() != null) {
      msg = e.getCause().toString();
    }
    String text = redactor.redact(e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
    int nl = text.indexOf('\n');
    text = nl < 0 ? text : text.substring(0, nl);
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      if (ownsCache) {
        cache.close();
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "distill4j-teacher-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
