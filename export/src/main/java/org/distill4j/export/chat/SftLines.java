package org.distill4j.export.chat;

import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.instruct.InstructionPair;
import org.distill4j.core.instruct.Instructions;

/**
 * Makes chat and Alpaca lines from records. The system turn (Alpaca: the instruction) is the
 * kind's task in words, or one text for every line when the user gives one, as a decoder
 * student's {@code system} setting does.
 */
public final class SftLines {
  private final String system;

  /**
   * @param system the system turn for every line, or null for each kind's own task
   */
  public SftLines(String system) {
    this.system = system == null || system.isBlank() ? null : system;
  }

  /** The chat for {@code record}. */
  public ChatLine chat(CorpusRecord record) {
    InstructionPair pair = Instructions.of(record.knowledge());
    return new ChatLine(record.externalId(), List.of(
        new ChatLine.Message("system", system == null ? pair.instruction() : system),
        new ChatLine.Message("user", pair.input()),
        new ChatLine.Message("assistant", pair.output())));
  }

  /** The Alpaca example for {@code record}. */
  public AlpacaLine alpaca(CorpusRecord record) {
    InstructionPair pair = Instructions.of(record.knowledge());
    return new AlpacaLine(record.externalId(), system == null ? pair.instruction() : system,
        pair.input(), pair.output());
  }
}
