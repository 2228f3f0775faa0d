package org.distill4j.generation.recipe;

import java.util.List;
import java.util.Map;
import org.distill4j.core.seed.Seed;
import org.distill4j.teacher.ChatTurn;

/**
 * A recipe applied to one seed and one expansion entry: the messages to send and the variables
 * they were rendered from (the parser needs the variables to fill knowledge fields).
 *
 * @param seed the seed
 * @param expansion the index of the expansion entry, 0 when the recipe has none
 * @param variables seed inputs plus the expansion entry's values
 * @param messages system, few-shot and user turns
 */
public record RenderedPrompt(
    Seed seed, int expansion, Map<String, String> variables, List<ChatTurn> messages) {
  public RenderedPrompt {
    variables = Map.copyOf(variables);
    messages = List.copyOf(messages);
  }
}
