package org.distill4j.teacher.batchapi;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.SecretRedactor;
import org.distill4j.teacher.TeacherRequest;

/**
 * A provider's batch endpoint: many requests submitted as one job, answered within a day at
 * about half the price. A job's requests are written as entries (one JSON line each, keyed by a
 * custom id), submitted in two steps so that what was sent can be recorded between them
 * ({@link #upload}, then {@link #create}), polled with {@link #poll} until it has ended, and its
 * answers read with {@link #results}. Build one with {@link BatchApis#open}.
 */
public interface BatchApi {

  /** The provider id, e.g. {@code openai}. */
  String provider();

  /** The most requests one job may hold. */
  int maxRequests();

  /** The most bytes of entries one job may hold. */
  long maxBytes();

  /**
   * The entry of one request, exactly the request the synchronous client would send, as one
   * line of JSON (no newline).
   *
   * @param customId how the job's results name this request: letters, digits, '-' and '_', at
   *     most 64 characters (a cache key's hex fits)
   */
  byte[] entry(String customId, TeacherRequest request);

  /**
   * The first step of a submission: stores the file of entries (one a line) at the provider
   * when it takes files; returns the file's id, or null when the provider takes the entries
   * with {@link #create} instead.
   */
  String upload(Path entries);

  /** The second step: starts a job over the entries (or the uploaded file); returns its id. */
  String create(Path entries, String uploadedId);

  /** The job's state now. */
  JobState poll(String jobId);

  /**
   * Reads an ended job's answers, each once, in no particular order.
   *
   * @param sampling the sampling every request of the job was sent with (decides whether
   *     log-probabilities are read)
   * @param scratch a folder for the downloaded result files, deleted once read
   */
  void results(JobState ended, Sampling sampling, Path scratch, Consumer<ItemResult> each);

  /** Masks the key this API sends. */
  SecretRedactor redactor();
}
