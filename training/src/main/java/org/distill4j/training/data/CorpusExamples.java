package org.distill4j.training.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.instruct.InstructionPair;
import org.distill4j.core.instruct.Instructions;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.Rationale;

/**
 * Reads a corpus (JSON Lines of corpus records) into training examples. A bad line stops the read
 * with its {@code file:line}; records a filter rejected are counted, not silently lost.
 */
public final class CorpusExamples {
  private CorpusExamples() {}

  /**
   * What came out of one corpus file.
   *
   * @param examples the examples, in file order
   * @param rejected records that carried a rejection verdict and were left out (when asked)
   */
  public record Loaded(List<TrainingExample> examples, long rejected) {}

  /**
   * Reads {@code corpus}.
   *
   * @param weightScore the name of the score to use as the example weight (e.g. {@code critic}),
   *     or null for weight 1; a record without that score gets weight 1
   * @param keepRejected true to keep rejected records (validity scorers learn from them)
   */
  public static Loaded read(Path corpus, String weightScore, boolean keepRejected) {
    return read(corpus, weightScore, keepRejected, false);
  }

  /**
   * Reads {@code corpus}; with {@code choiceTargets} each rationale becomes a multiple-choice
   * example whose target is its final answer, for scorer students (records without choices are an
   * input error naming the line).
   */
  public static Loaded read(Path corpus, String weightScore, boolean keepRejected,
      boolean choiceTargets) {
    List<TrainingExample> out = new ArrayList<>();
    long[] rejected = {0};
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(corpus, CorpusRecord.class)) {
      var lines = reader.lines();
      while (lines.hasNext()) {
        ParsedLine<CorpusRecord> line = lines.next();
        if (line instanceof ParsedLine.Bad<CorpusRecord> bad) {
          throw new InputException(bad.location(), bad.problem());
        }
        CorpusRecord record = ((ParsedLine.Good<CorpusRecord>) line).value();
        boolean valid = record.rejection() == null;
        if (!valid && !keepRejected) {
          rejected[0]++;
          continue;
        }
        double weight = 1.0;
        if (weightScore != null && record.scores().containsKey(weightScore)) {
          weight = Math.max(0.0, record.scores().get(weightScore));
        }
        if (choiceTargets) {
          if (!(record.knowledge() instanceof Rationale r) || r.choices().size() < 2) {
            throw new InputException(line.location(),
                "a multiple-choice scorer needs rationale records with at least two \"choices\","
                    + " found a " + record.knowledge().kind().id() + " record");
          }
          out.add(toChoiceExample(record.id(), r, weight));
        } else {
          out.add(toExample(record.id(), record.knowledge(), weight, valid));
        }
      }
    }
    return new Loaded(List.copyOf(out), rejected[0]);
  }

  /**
   * The example for one piece of knowledge: what the student reads and what it should write, as
   * core's {@link Instructions} shapes it (export writes the same pairs).
   */
  public static TrainingExample toExample(String id, Knowledge knowledge, double weight,
      boolean valid) {
    InstructionPair pair = Instructions.of(knowledge);
    List<String> choices = knowledge instanceof Rationale r ? r.choices() : List.of();
    return new TrainingExample(id, pair.input(), pair.output(), choices, weight, valid);
  }

  /** For scorers: the final answer of a rationale is the target, not the whole reasoning. */
  public static TrainingExample toChoiceExample(String id, Rationale r, double weight) {
    return new TrainingExample(id, r.question(), r.answer(), r.choices(), weight, true);
  }
}
