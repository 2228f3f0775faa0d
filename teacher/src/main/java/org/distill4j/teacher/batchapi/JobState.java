package org.distill4j.teacher.batchapi;

import java.net.URI;
import java.util.List;

/**
 * A batch job as the provider reported it.
 *
 * @param id the job's id
 * @param status the provider's own word for its state ({@code validating}, {@code in_progress},
 *     {@code completed}, {@code expired}, {@code ended} ...), shown to users as it is
 * @param ended true once the job will change no more: its results can be read
 * @param total requests in the job
 * @param succeeded requests answered so far
 * @param failed requests that ended without an answer so far (errored, expired, canceled)
 * @param downloads where the results are, once ended
 * @param problem what the provider said about a job that failed as a whole; null otherwise
 */
public record JobState(String id, String status, boolean ended, long total, long succeeded,
    long failed, List<URI> downloads, String problem) {

  public JobState {
    downloads = downloads == null ? List.of() : List.copyOf(downloads);
  }
}
