package org.distill4j.export.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One chat for supervised fine-tuning.
 *
 * @param id the user's own id of the seed or row the record was made from; written as
 *     {@code null} when there is none, so every line has the same fields
 * @param messages system, user and assistant turns
 */
@JsonPropertyOrder({"id", "messages"})
public record ChatLine(@JsonInclude(JsonInclude.Include.ALWAYS) String id,
    List<Message> messages) {
  public ChatLine {
    messages = List.copyOf(messages);
  }

  /**
   * One turn.
   *
   * @param role {@code system}, {@code user} or {@code assistant}
   * @param content the text
   */
  @JsonPropertyOrder({"role", "content"})
  public record Message(String role, String content) {}
}
