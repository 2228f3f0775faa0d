package org.distill4j.export.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One example in the Alpaca layout.
 *
 * @param id the user's own id of the seed or row the record was made from, or {@code null}
 * @param instruction the task
 * @param input what the model reads
 * @param output what it should write
 */
@JsonPropertyOrder({"id", "instruction", "input", "output"})
public record AlpacaLine(@JsonInclude(JsonInclude.Include.ALWAYS) String id, String instruction,
    String input, String output) {}
