package org.distill4j.training.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.logprob.LogprobsFile;
import org.distill4j.core.logprob.LogprobsLine;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.neural.decoder.chat.SftExample;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.tokenizer.TokenAlignment;

/**
 * Finds, for each decoder example, the teacher tokens that spell its target, and turns them
 * into the sparse targets of {@code SparseTokenLosses} for a batch.
 *
 * <p>A record is parsed out of a teacher reply, so its target is usually a part of the reply,
 * not all of it. The reply's tokens are mapped to student ids ({@link TokenAlignment}) and the
 * target's ids, as the chat encoder tokenised the assistant span, are looked for as one
 * contiguous run (first exact match). The span ends with the end-of-turn token, which a server
 * seldom reports; when the whole span is not found it is looked for without that last token,
 * which then keeps plain cross-entropy. Nothing fuzzier is tried: a near match would pair
 * positions whose contexts differ.
 */
final class TeacherTargets {
  private final LogprobsFile file;
  private final TokenAlignment vocabulary;
  private final Map<String, Set<String>> hashesById;
  private final String teacherModel;
  private final Map<String, long[]> replyIds = new HashMap<>();

  private TeacherTargets(LogprobsFile file, TokenAlignment vocabulary,
      Map<String, Set<String>> hashesById, String teacherModel) {
    this.file = file;
    this.vocabulary = vocabulary;
    this.hashesById = hashesById;
    this.teacherModel = teacherModel;
  }

  /**
   * Reads the teacher's log-probabilities and the request hash of every record of
   * {@code corpus}, for a student whose vocabulary is {@code tokenizerJson}.
   */
  static TeacherTargets open(Path logprobs, Path tokenizerJson, Path corpus) {
    if (!java.nio.file.Files.isRegularFile(logprobs)) {
      throw new InputException(new SourceLocation(logprobs, 0), "field"
          + " \"decoder.distillation.logprobs\": no such file; generate with sampling.logprobs"
          + " set (it writes logprobs.jsonl into the run folder) and name it here");
    }
    LogprobsFile file = LogprobsFile.read(logprobs);
    Map<String, Set<String>> hashes = new HashMap<>();
    String model = null;
    try (JsonLinesReader<CorpusRecord> in = JsonLinesReader.open(corpus, CorpusRecord.class)) {
      for (var it = in.lines(); it.hasNext(); ) {
        // Bad lines were already refused when the examples were read.
        if (it.next() instanceof ParsedLine.Good<CorpusRecord> good) {
          CorpusRecord r = good.value();
          if (r.provenance() != null && r.provenance().requestHash() != null) {
            hashes.computeIfAbsent(r.id(), k -> new LinkedHashSet<>())
                .add(r.provenance().requestHash());
            model = model != null ? model : r.provenance().teacherModel();
          }
        }
      }
    }
    return new TeacherTargets(file, TokenAlignment.load(tokenizerJson), hashes,
        model == null ? "(unnamed)" : model);
  }

  /**
   * Refuses, naming the logprobs file, the student's tokenizer and the counts, when the
   * teacher replies of {@code examples} use another tokenizer than the student's.
   */
  void requireSameTokenizer(List<TrainingExample> examples) {
    Map<String, TokenLogprobs> replies = new LinkedHashMap<>();
    for (TrainingExample e : examples) {
      for (LogprobsLine line : lines(e)) {
        replies.computeIfAbsent(line.request(), h -> decode(line));
      }
    }
    try {
      vocabulary.requireSameTokenizer(replies.values(), teacherModel);
    } catch (InputException e) {
      throw new InputException(new SourceLocation(file.file(), 0), "the teacher's"
          + " log-probabilities do not fit the base's tokenizer: " + e.getMessage(), e);
    }
  }

  private List<LogprobsLine> lines(TrainingExample e) {
    List<LogprobsLine> out = new ArrayList<>();
    for (String hash : e.id() == null ? Set.<String>of() : hashesById.getOrDefault(e.id(),
        Set.of())) {
      LogprobsLine line = file.line(hash);
      if (line != null) {
        out.add(line);
      }
    }
    return out;
  }

  private TokenLogprobs decode(LogprobsLine line) {
    try {
      return line.logprobs();
    } catch (IllegalArgumentException e) {
      throw new InputException(new SourceLocation(file.file(), 0), "request " + line.request()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The examples as unpacked rows, each with its teacher span when one is found; logs how many
   * were aligned and why the others were not.
   */
  List<DistilledRow> rows(List<DecoderChats.Encoded> encoded, DecoderChats chats,
      Consumer<String> log) {
    List<DistilledRow> rows = new ArrayList<>(encoded.size());
    int noHash = 0;
    int noLine = 0;
    int aligned = 0;
    for (DecoderChats.Encoded e : encoded) {
      TrainingExample example = e.example();
      List<LogprobsLine> lines = lines(example);
      TeacherSpan span = null;
      for (int i = 0; i < lines.size() && span == null; i++) {
        span = align(lines.get(i), e.sft());
      }
      if (example.id() == null || !hashesById.containsKey(example.id())) {
        noHash++;
      } else if (lines.isEmpty()) {
        noLine++;
      }
      aligned += span == null ? 0 : 1;
      rows.add(new DistilledRow(chats.row(e.sft()), span));
    }
    int unmatched = encoded.size() - aligned - noHash - noLine;
    log.accept(aligned + " of " + encoded.size() + " examples have teacher log-probabilities"
        + " aligned (" + noHash + " without a request hash, " + noLine + " without a line in "
        + file.file() + ", " + unmatched + " whose target is no run of the teacher's tokens);"
        + " the others train on cross-entropy alone; examples are not packed while distilling");
    return rows;
  }

  /** The span of {@code sft}'s target in the reply of {@code line}, or null. */
  TeacherSpan align(LogprobsLine line, SftExample sft) {
    long[] reply = replyIds.computeIfAbsent(line.request(), h -> studentIds(decode(line)));
    long[] ids = sft.ids();
    int[] mask = sft.lossMask();
    int first = 0;
    while (first < mask.length && mask[first] == 0) {
      first++;
    }
    int end = first;
    while (end < mask.length && mask[end] == 1) {
      end++;
    }
    for (int cut = 0; cut <= 1 && end - cut > first; cut++) {
      int at = find(reply, ids, first, end - cut);
      if (at >= 0) {
        return new TeacherSpan(line, at, first - 1, end - cut - first);
      }
    }
    return null;
  }

  private long[] studentIds(TokenLogprobs reply) {
    long[] ids = new long[reply.positions()];
    for (int p = 0; p < ids.length; p++) {
      ids[p] = vocabulary.id(reply.token(p));
    }
    return ids;
  }

  /** The first index of {@code needle[from, to)} in {@code hay}, or -1. */
  private static int find(long[] hay, long[] needle, int from, int to) {
    int n = to - from;
    outer:
    for (int s = 0; s + n <= hay.length; s++) {
      for (int i = 0; i < n; i++) {
        if (hay[s + i] != needle[from + i]) {
          continue outer;
        }
      }
      return s;
    }
    return -1;
  }

  /**
   * The sparse targets of {@code batch} for logits of {@code positions} positions per row: ids
   * (int64), log-probabilities and valid (rows, positions, k), and the aligned mask (rows,
   * positions), 1 where a position has at least one teacher token the student has.
   */
  NDList arrays(List<DistilledRow> batch, int positions, NDManager manager) {
    int k = 1;
    for (DistilledRow r : batch) {
      k = r.teacher() == null ? k : Math.max(k, r.teacher().line().k());
    }
    int rows = batch.size();
    long[] ids = new long[rows * positions * k];
    float[] logprobs = new float[ids.length];
    float[] valid = new float[ids.length];
    float[] mask = new float[rows * positions];
    for (int r = 0; r < rows; r++) {
      TeacherSpan span = batch.get(r).teacher();
      if (span == null) {
        continue;
      }
      TokenLogprobs reply = decode(span.line());
      for (int i = 0; i < span.count(); i++) {
        int p = span.teacherStart() + i;
        int position = (r * positions + span.logitStart() + i);
        int slot = 0;
        for (int j = 0; j < reply.counts()[p] && slot < k; j++) {
          int id = vocabulary.id(reply.alternative(p, j));
          if (id >= 0) {
            ids[position * k + slot] = id;
            logprobs[position * k + slot] = reply.alternativeLogprob(p, j);
            valid[position * k + slot++] = 1;
          }
        }
        mask[position] = slot > 0 ? 1 : 0;
      }
    }
    Shape slots = new Shape(rows, positions, k);
    return new NDList(manager.create(ids, slots), manager.create(logprobs, slots),
        manager.create(valid, slots), manager.create(mask, new Shape(rows, positions)));
  }
}
