package org.distill4j.generation.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * {@code batches.json}: the batch jobs of a run, written (a temp file moved over the old one)
 * after every step that changes what the provider holds: a job's entries written, its file
 * uploaded, the job created, polled, its answers stored. So a process stopped at any point
 * leaves a record from which the next one continues: it uploads no file twice, creates no job
 * twice (but for a kill between the provider's answer and this file's write, a few
 * milliseconds), and polls the jobs the first one created.
 *
 * <p>Jobs belong to a round: the batch phase of one invocation. A round is {@code submitted}
 * once every request it found unanswered is in a job; a later invocation (a resume after the
 * synchronous pass was stopped) starts a new round for what is still unanswered.
 */
final class BatchJobs {
  /**
   * One job.
   *
   * @param round the round it belongs to
   * @param input its entries, a file in the run's {@code batches/} folder (deleted once every
   *     job of the run is collected)
   * @param requests entries in it
   * @param bytes the file's size
   * @param promptTokens prompt tokens of its requests, counted when the run had a price (for a
   *     cost limit's upper bound while the job is open, and for answers without usage); null
   *     when not counted
   * @param uploadedId the provider's id of the uploaded file (OpenAI), once uploaded
   * @param id the job's id, once created
   * @param status the provider's word for its state at the last poll
   * @param succeeded requests answered at the last poll
   * @param failed requests ended unanswered at the last poll
   * @param collected true once its answers are in the reply cache
   * @param createdAt when the job was created
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Job(int round, String input, int requests, long bytes, Long promptTokens,
      String uploadedId, String id, String status, long succeeded, long failed,
      boolean collected, Instant createdAt) {

    Job uploaded(String fileId) {
      return new Job(round, input, requests, bytes, promptTokens, fileId, id, status, succeeded,
          failed, collected, createdAt);
    }

    Job created(String jobId) {
      return new Job(round, input, requests, bytes, promptTokens, uploadedId, jobId, "created",
          succeeded, failed, collected, Instant.now());
    }

    Job polled(String newStatus, long newSucceeded, long newFailed) {
      return new Job(round, input, requests, bytes, promptTokens, uploadedId, id, newStatus,
          newSucceeded, newFailed, collected, createdAt);
    }

    Job markCollected() {
      return new Job(round, input, requests, bytes, promptTokens, uploadedId, id, status,
          succeeded, failed, true, createdAt);
    }
  }

  /**
   * The file's content.
   *
   * @param identity the run's identity (a run with another one does not use these jobs)
   * @param provider the teacher's provider
   * @param model the teacher's model
   * @param round the current round, from 1
   * @param submitted true once the current round's requests are all in jobs
   */
  record State(String identity, String provider, String model, int round, boolean submitted,
      List<Job> jobs) {
    State {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
  }

  private final Path file;
  private State state;

  private BatchJobs(Path file, State state) {
    this.file = file;
    this.state = state;
  }

  /** The run's jobs, or none when the file is missing or of another run. */
  static BatchJobs load(Path file, String identity, String provider, String model) {
    State fresh = new State(identity, provider, model, 1, false, List.of());
    if (!Files.exists(file)) {
      return new BatchJobs(file, fresh);
    }
    State read;
    try {
      read = CorpusJson.json().readValue(file.toFile(), State.class);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read the run's batch jobs: "
          + e.getMessage() + "; it names jobs the provider may still be running, so it is not"
          + " replaced: repair or remove it, then run again", e);
    }
    boolean same = identity.equals(read.identity()) && provider.equals(read.provider())
        && model.equals(read.model());
    return new BatchJobs(file, same ? read : fresh);
  }

  State state() {
    return state;
  }

  List<Job> jobs() {
    return state.jobs();
  }

  /** True when every job is collected and the round submitted: nothing to wait for. */
  boolean settled() {
    return state.submitted() && state.jobs().stream().allMatch(Job::collected);
  }

  /** Starts the next round: for requests still unanswered after the last one. */
  void nextRound() {
    state = new State(state.identity(), state.provider(), state.model(), state.round() + 1,
        false, state.jobs());
    save();
  }

  void markSubmitted() {
    state = new State(state.identity(), state.provider(), state.model(), state.round(), true,
        state.jobs());
    save();
  }

  /** Adds a job and saves; returns its index. */
  int add(Job job) {
    List<Job> jobs = new ArrayList<>(state.jobs());
    jobs.add(job);
    state = new State(state.identity(), state.provider(), state.model(), state.round(),
        state.submitted(), jobs);
    save();
    return jobs.size() - 1;
  }

  /** Replaces the job at {@code index} and saves. */
  void set(int index, Job job) {
    List<Job> jobs = new ArrayList<>(state.jobs());
    jobs.set(index, job);
    state = new State(state.identity(), state.provider(), state.model(), state.round(),
        state.submitted(), jobs);
    save();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      CorpusJson.json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
