package org.distill4j.generation.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.generation.recipe.PromptRenderer;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.batchapi.BatchApi;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyCache;

/**
 * The first half of the batch phase: walks the seeds as the synchronous pass will (the same
 * limit, group keys, finished groups skipped, the same requests), keeps every request that is
 * neither in the reply cache nor already in a job of this round, writes them as entries keyed by
 * their cache key into job files of at most the API's size, and submits each job as soon as it
 * is full, recording every step in {@code batches.json} before the next. A prompt's samples are
 * admitted together, under the cost limit's upper bound ({@link BatchSpend}).
 */
final class BatchSubmission {
  private final GenerationSettings settings;
  private final Recipe recipe;
  private final PromptRenderer renderer;
  private final TeacherId teacher;
  private final BatchApi api;
  private final ReplyCache cache;
  private final Path dir;
  private final BatchJobs jobs;
  private final BatchTally tally;
  private final BatchSpend spend;
  private final Consumer<Integer> submitted;
  private final int maxRequests;
  /** Keys already in a job of this round; a repeated prompt is asked once. */
  private final Set<KeyPrefix> seen = new HashSet<>();
  private Chunk chunk;

  /**
   * @param dir the run's {@code batches/} folder
   * @param spend prices the requests and admits them under the cost limit
   * @param submitted told the index of each job created
   */
  BatchSubmission(GenerationSettings settings, PromptRenderer renderer, TeacherId teacher,
      BatchApi api, ReplyCache cache, Path dir, BatchJobs jobs, BatchTally tally,
      BatchSpend spend, Consumer<Integer> submitted) {
    this.settings = settings;
    this.recipe = settings.recipe().recipe();
    this.renderer = renderer;
    this.teacher = teacher;
    this.api = api;
    this.cache = cache;
    this.dir = dir;
    this.jobs = jobs;
    this.tally = tally;
    this.spend = spend;
    this.submitted = submitted;
    int own = settings.batch().maxRequestsPerJob();
    this.maxRequests = own > 0 ? Math.min(own, api.maxRequests()) : api.maxRequests();
  }

  /** Submits what this round still lacks, then marks the round submitted. */
  void run(Map<String, CompletedLog.Entry> done) {
    int round = jobs.state().round();
    List<BatchJobs.Job> recorded = jobs.jobs();
    // The jobs a stopped process left open were admitted under the limit then: reserve them.
    spend.reserve(recorded);
    for (int i = 0; i < recorded.size(); i++) {
      if (recorded.get(i).round() == round) {
        // A stopped process left this job written, uploaded or created: finish it, not redo it.
        readKeys(dir.resolve(recorded.get(i).input()));
        if (recorded.get(i).id() == null) {
          submit(i);
        }
      }
    }
    walk(done, this::offerGroup);
    if (chunk != null) {
      flush();
    }
    jobs.markSubmitted();
  }

  /** Every prompt group not yet finished, as its first-ask requests, in seed order. */
  private void walk(Map<String, CompletedLog.Entry> done,
      Consumer<List<TeacherRequest>> each) {
    try (SeedReader reader = settings.openSeeds()) {
      Iterator<ParsedLine<Seed>> rows = reader.rows();
      long read = 0;
      while (rows.hasNext() && (settings.limit() <= 0 || read < settings.limit())) {
        ParsedLine<Seed> row = rows.next();
        read++;
        if (row instanceof ParsedLine.Good<Seed> good) {
          pending(good.value(), done).forEach(p -> each.accept(PromptRequests.of(recipe, p)));
        }
      }
    }
  }

  /** The seed's prompts whose group is not finished; none when it does not render. */
  private List<RenderedPrompt> pending(Seed seed, Map<String, CompletedLog.Entry> done) {
    String recipeHash = settings.recipe().hash();
    boolean any = false;
    for (int e = 0; e < renderer.promptsPerSeed() && !any; e++) {
      any = !done.containsKey(RunIdentity.groupKey(recipeHash, teacher, seed, e));
    }
    if (!any) {
      return List.of();
    }
    try {
      return renderer.render(seed).stream().filter(p -> !done.containsKey(
          RunIdentity.groupKey(recipeHash, teacher, seed, p.expansion()))).toList();
    } catch (RuntimeException unusable) {
      // The synchronous pass writes this seed's failure line.
      return List.of();
    }
  }

  /**
   * Offers a prompt's samples that are neither cached nor in a job yet, together: all of them
   * when they fit the cost limit, none when they do not (counted as held back).
   */
  private void offerGroup(List<TeacherRequest> group) {
    List<TeacherRequest> fresh = new ArrayList<>(group.size());
    List<CacheKey> keys = new ArrayList<>(group.size());
    for (TeacherRequest request : group) {
      CacheKey key = CacheKey.of(teacher, request);
      if (!seen.contains(KeyPrefix.of(key.hex()))
          && cache.find(key, request.sampling().maxTokens()).isEmpty()) {
        fresh.add(request);
        keys.add(key);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    // The samples of a prompt share its messages: counted once.
    long promptTokens = spend.promptTokens(fresh.get(0));
    if (!spend.admit(fresh.size(), promptTokens)) {
      tally.heldBack.addAndGet(fresh.size());
      return;
    }
    for (int i = 0; i < fresh.size(); i++) {
      offer(fresh.get(i), keys.get(i), promptTokens);
    }
  }

  private void offer(TeacherRequest request, CacheKey key, long promptTokens) {
    if (!seen.add(KeyPrefix.of(key.hex()))) {
      return;
    }
    byte[] entry = api.entry(key.hex(), request);
    if (entry.length + 1 > api.maxBytes()) {
      return; // Too large for any job: the synchronous pass sends it.
    }
    if (chunk != null && (chunk.count >= maxRequests
        || chunk.bytes + entry.length + 1 > api.maxBytes())) {
      flush();
    }
    if (chunk == null) {
      chunk = new Chunk(dir.resolve("round-" + jobs.state().round() + "-job-"
          + (jobs.jobs().size() + 1) + ".jsonl"));
    }
    chunk.add(entry, promptTokens);
  }

  /** Closes the job file, records it, and submits it. */
  private void flush() {
    chunk.close();
    int index = jobs.add(new BatchJobs.Job(jobs.state().round(),
        chunk.file.getFileName().toString(), chunk.count, chunk.bytes,
        spend.counting() ? chunk.promptTokens : null, null, null, "written", 0, 0, false, null));
    chunk = null;
    submit(index);
  }

  private void submit(int index) {
    BatchJobs.Job job = jobs.jobs().get(index);
    Path input = dir.resolve(job.input());
    if (job.uploadedId() == null) {
      String uploaded = api.upload(input);
      if (uploaded != null) {
        job = job.uploaded(uploaded);
        jobs.set(index, job);
      }
    }
    jobs.set(index, job.created(api.create(input, job.uploadedId())));
    tally.jobs.incrementAndGet();
    tally.submitted.addAndGet(job.requests());
    submitted.accept(index);
  }

  /** The custom ids of a job file this round already wrote. */
  private void readKeys(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode entry = CorpusJson.json().readTree(line);
        seen.add(KeyPrefix.of(entry.path("custom_id").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the batch job file " + file + " that "
          + GenerationFiles.BATCHES + " names: " + e.getMessage(), e);
    }
  }

  /** The first 128 bits of a cache key: a third of the memory of the key's text. */
  private record KeyPrefix(long high, long low) {
    static KeyPrefix of(String hex) {
      return new KeyPrefix(Long.parseUnsignedLong(hex.substring(0, 16), 16),
          Long.parseUnsignedLong(hex.substring(16, 32), 16));
    }
  }

  /** A job file being written: entries one a line, no newline after the last. */
  private static final class Chunk {
    final Path file;
    final OutputStream out;
    int count;
    long bytes;
    long promptTokens;

    Chunk(Path file) {
      this.file = file;
      try {
        Files.createDirectories(file.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }

    void add(byte[] entry, long prompt) {
      try {
        if (count > 0) {
          out.write('\n');
          bytes++;
        }
        out.write(entry);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      count++;
      bytes += entry.length;
      promptTokens += prompt;
    }

    void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
