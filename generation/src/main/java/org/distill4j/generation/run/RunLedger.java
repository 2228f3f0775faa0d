package org.distill4j.generation.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.CorpusJson;

/**
 * {@code ledger.jsonl}: what every invocation of a run spent, so that resumes add up. Each
 * invocation appends a line with its running totals now and then, and a last one when it ends;
 * the latest line per invocation counts. A {@code kill -9} therefore loses at most the spend since
 * the last checkpoint, never the whole invocation, and a torn last line is ignored.
 */
public final class RunLedger {
  /** The file's name in the run folder. */
  public static final String FILE = org.distill4j.generation.run.GenerationFiles.LEDGER;

  /**
   * One invocation's spend so far.
   *
   * @param invocation unique per process run of the command
   * @param runId the run it belongs to
   * @param status {@code running} at checkpoints, then {@code complete}, {@code failed} or
   *     {@code stopped}
   * @param requestsSent HTTP requests sent, retries included
   * @param retries of which retries
   * @param cacheHits requests answered from the reply cache (cost nothing)
   * @param inputTokens prompt tokens the server reported
   * @param outputTokens completion tokens the server reported
   * @param repliesWithUsage fresh replies that reported tokens
   * @param repliesWithoutUsage fresh replies that did not (their tokens are unknown)
   * @param batchRequests requests a batch job answered ({@code --batch}), billed at the batch
   *     price; the synchronous pass finds them in the cache, so they are not in
   *     {@code requestsSent} or the tokens above. Null when the invocation used no batch
   * @param batchTokensIn prompt tokens of those answers
   * @param batchTokensOut completion tokens of those answers
   * @param batchFailed requests a batch job ended without answering (sent one by one after)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String invocation, String runId, String status, Instant startedAt,
      Instant at, long requestsSent, long retries, long cacheHits, long inputTokens,
      long outputTokens, long repliesWithUsage, long repliesWithoutUsage, Long batchRequests,
      Long batchTokensIn, Long batchTokensOut, Long batchFailed) {

    /** An invocation that used no batch API. */
    public Entry(String invocation, String runId, String status, Instant startedAt, Instant at,
        long requestsSent, long retries, long cacheHits, long inputTokens, long outputTokens,
        long repliesWithUsage, long repliesWithoutUsage) {
      this(invocation, runId, status, startedAt, at, requestsSent, retries, cacheHits,
          inputTokens, outputTokens, repliesWithUsage, repliesWithoutUsage, null, null, null,
          null);
    }
  }

  /**
   * Every invocation of a run together.
   *
   * @param inputTokens null when no reply of any invocation reported usage (unknown, not 0)
   * @param batchRequests requests answered by batch jobs, to be priced at the batch discount;
   *     null when no invocation used a batch API
   * @param batchTokensIn their prompt tokens; null when no invocation used a batch API
   * @param batchTokensOut their completion tokens; null when no invocation used a batch API
   */
  public record Totals(int invocations, long requestsSent, long retries, long cacheHits,
      Long inputTokens, Long outputTokens, long repliesWithoutUsage,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long batchRequests,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long batchTokensIn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long batchTokensOut) {

    /** Totals of invocations that used no batch API. */
    public Totals(int invocations, long requestsSent, long retries, long cacheHits,
        Long inputTokens, Long outputTokens, long repliesWithoutUsage) {
      this(invocations, requestsSent, retries, cacheHits, inputTokens, outputTokens,
          repliesWithoutUsage, null, null, null);
    }
  }

  private final Path file;

  public RunLedger(Path file) {
    this.file = file;
  }

  /** Appends one line in a single write, so that lines of one process never interleave. */
  public synchronized void append(Entry e) {
    try {
      byte[] line = (CorpusJson.json().writeValueAsString(e) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        // Not APPEND (it cannot be combined with READ): the folder lock makes this process the
        // only writer, and this method is synchronized.
        repairTornEnd(ch);
        ch.position(ch.size());
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** A line torn by a kill gets its newline, so the next line starts on a line of its own. */
  private static void repairTornEnd(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    if (last.get(0) != '\n') {
      ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
    }
  }

  /** The latest line of each invocation, in the order invocations began. */
  public List<Entry> invocations() {
    Map<String, Entry> latest = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Entry e;
        try {
          e = CorpusJson.json().readValue(line, Entry.class);
        } catch (IOException torn) {
          // Only a kill mid-write leaves such a line; the checkpoint before it still counts.
          continue;
        }
        latest.put(e.invocation(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new ArrayList<>(latest.values());
  }

  /** The sum over every invocation. */
  public Totals totals() {
    return sum(invocations());
  }

  /** The sum over the given invocations. */
  public static Totals sum(List<Entry> entries) {
    long sent = 0;
    long retries = 0;
    long hits = 0;
    long in = 0;
    long out = 0;
    long with = 0;
    long without = 0;
    long[] batch = null;
    for (Entry e : entries) {
      if (e.batchRequests() != null) {
        batch = batch == null ? new long[3] : batch;
        batch[0] += e.batchRequests();
        batch[1] += e.batchTokensIn() == null ? 0 : e.batchTokensIn();
        batch[2] += e.batchTokensOut() == null ? 0 : e.batchTokensOut();
      }
      sent += e.requestsSent();
      retries += e.retries();
      hits += e.cacheHits();
      in += e.inputTokens();
      out += e.outputTokens();
      with += e.repliesWithUsage();
      without += e.repliesWithoutUsage();
    }
    boolean known = with > 0 || without == 0;
    return new Totals(entries.size(), sent, retries, hits, known ? in : null, known ? out : null,
        without, batch == null ? null : batch[0], batch == null ? null : batch[1],
        batch == null ? null : batch[2]);
  }
}
