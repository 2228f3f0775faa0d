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
import org.distill4j.generation.cost.Projection;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.TokenCounts;

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
   * @param cost what this invocation spent at the teacher's price, batch answers included;
   *     null when the price is unknown (never 0 for unknown)
   * @param currency the cost's currency; null with it
   * @param projected what this invocation was projected to send and cost when it started
   * @param batchRequests requests a batch job answered ({@code --batch}), billed at the batch
   *     price; the synchronous pass finds them in the cache, so they are not in
   *     {@code requestsSent} or the tokens above. Null when the invocation used no batch
   * @param batchTokensIn prompt tokens of those answers
   * @param batchTokensOut completion tokens of those answers
   * @param batchFailed requests a batch job ended without answering (sent one by one after, or
   *     skipped when a cost limit held requests back)
   * @param batchCost the part of {@code cost} the batch answers make, at the batch price; null
   *     when the price is unknown or no batch was used
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String invocation, String runId, String status, Instant startedAt,
      Instant at, long requestsSent, long retries, long cacheHits, long inputTokens,
      long outputTokens, long repliesWithUsage, long repliesWithoutUsage, Double cost,
      String currency, Projection projected, Long batchRequests, Long batchTokensIn,
      Long batchTokensOut, Long batchFailed, Double batchCost) {}

  /**
   * Every invocation of a run together.
   *
   * @param inputTokens null when no reply of any invocation reported usage (unknown, not 0)
   * @param cost what every invocation spent together, batch answers included; null when the
   *     cost of one of them is unknown
   * @param currency the cost's currency; null with it
   * @param batchRequests requests answered by batch jobs, priced at the batch price; null when
   *     no invocation used a batch API
   * @param batchTokensIn their prompt tokens; null when no invocation used a batch API
   * @param batchTokensOut their completion tokens; null when no invocation used a batch API
   * @param batchCost the part of {@code cost} the batch answers make; null when unknown or no
   *     invocation used a batch API
   */
  public record Totals(int invocations, long requestsSent, long retries, long cacheHits,
      Long inputTokens, Long outputTokens, long repliesWithoutUsage, Double cost,
      String currency, @JsonInclude(JsonInclude.Include.NON_NULL) Long batchRequests,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long batchTokensIn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long batchTokensOut,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double batchCost) {}

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
    return sum(invocations(), null);
  }

  /** The sum over every invocation, each without a recorded cost priced at {@code price}. */
  public Totals totals(ModelPrice price) {
    return sum(invocations(), price);
  }

  /**
   * What one invocation spent: its recorded cost, else its tokens at {@code price} (an entry
   * written before costs were recorded): the synchronous ones at the list price, those of batch
   * answers at the batch price; null when neither is known. Batch answers reach the synchronous
   * pass as cache hits, so their tokens are in the batch fields only and count once.
   */
  public static Double costOf(Entry e, ModelPrice price) {
    if (e.cost() != null) {
      return e.cost();
    }
    return price == null ? null
        : price.cost(TokenCounts.of(e.inputTokens(), e.outputTokens()), batchTokens(e));
  }

  /**
   * What one invocation's batch answers cost: recorded, else their tokens at the batch price;
   * null when the invocation used no batch API or the price is unknown.
   */
  public static Double batchCostOf(Entry e, ModelPrice price) {
    if (e.batchRequests() == null) {
      return null;
    }
    if (e.cost() != null) {
      return e.batchCost();
    }
    return price == null ? null : price.cost(TokenCounts.NONE, batchTokens(e));
  }

  private static TokenCounts batchTokens(Entry e) {
    return TokenCounts.of(e.batchTokensIn() == null ? 0 : e.batchTokensIn(),
        e.batchTokensOut() == null ? 0 : e.batchTokensOut());
  }

  /** The sum over the given invocations; costs as {@link #costOf} gives them. */
  public static Totals sum(List<Entry> entries, ModelPrice price) {
    Sum sum = new Sum(price);
    entries.forEach(sum::add);
    return sum.totals(entries.size());
  }

  /** Adds invocations up; an unknown or other-currency cost makes the total unknown. */
  private static final class Sum {
    private long sent;
    private long retries;
    private long hits;
    private long in;
    private long out;
    private long with;
    private long without;
    private Double cost = 0.0;
    private String currency;
    private final ModelPrice price;
    private long[] batch;
    private Double batchCost = 0.0;

    Sum(ModelPrice price) {
      this.price = price;
      this.currency = price == null ? null : price.currency();
    }

    void add(Entry e) {
      Double c = costOf(e, price);
      String cur = e.cost() != null ? e.currency() : currency;
      if (c == null || cost == null || (currency != null && !currency.equals(cur))) {
        cost = null;
      } else {
        cost += c;
        currency = cur;
      }
      if (e.batchRequests() != null) {
        batch = batch == null ? new long[3] : batch;
        batch[0] += e.batchRequests();
        batch[1] += e.batchTokensIn() == null ? 0 : e.batchTokensIn();
        batch[2] += e.batchTokensOut() == null ? 0 : e.batchTokensOut();
        Double b = batchCostOf(e, price);
        batchCost = b == null || batchCost == null ? null : batchCost + b;
      }
      sent += e.requestsSent();
      retries += e.retries();
      hits += e.cacheHits();
      in += e.inputTokens();
      out += e.outputTokens();
      with += e.repliesWithUsage();
      without += e.repliesWithoutUsage();
    }

    Totals totals(int invocations) {
      boolean known = with > 0 || without == 0;
      boolean priced = invocations > 0 && cost != null;
      return new Totals(invocations, sent, retries, hits, known ? in : null,
          known ? out : null, without, priced ? cost : null, priced ? currency : null,
          batch == null ? null : batch[0], batch == null ? null : batch[1],
          batch == null ? null : batch[2], batch == null || !priced ? null : batchCost);
    }
  }
}
