package org.distill4j.generation.recipe;

import dev.langchain4j.model.input.PromptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.seed.Seed;
import org.distill4j.teacher.ChatTurn;

/**
 * Renders a recipe's templates for seeds with LangChain4j's {@link PromptTemplate}: one prompt
 * per seed per expansion entry, few-shot examples between the system and the user turn.
 */
public final class PromptRenderer {
  private final Recipe recipe;
  private final PromptTemplate system;
  private final PromptTemplate user;

  public PromptRenderer(Recipe recipe) {
    this.recipe = recipe;
    this.system = recipe.system() == null || recipe.system().isBlank()
        ? null : PromptTemplate.from(recipe.system());
    this.user = PromptTemplate.from(recipe.user());
  }

  /** How many prompts each seed becomes. */
  public int promptsPerSeed() {
    return Math.max(1, recipe.expand().size());
  }

  /** The prompts for one seed; a missing input fails with the seed's file and line. */
  public List<RenderedPrompt> render(Seed seed) {
    Map<String, String> base = new LinkedHashMap<>();
    for (String input : recipe.inputs()) {
      String value = seed.require(input);
      if (value.isBlank()) {
        throw new InputException(seed.source(), "seed field \"" + input + "\" is blank");
      }
      base.put(input, value);
    }
    List<Map<String, String>> entries = recipe.expand().isEmpty() ? List.of(Map.of()) : recipe.expand();
    List<RenderedPrompt> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Map<String, String> vars = new LinkedHashMap<>(base);
      vars.putAll(entries.get(i));
      out.add(new RenderedPrompt(seed, i, vars, messages(vars)));
    }
    return out;
  }

  private List<ChatTurn> messages(Map<String, String> vars) {
    Map<String, Object> values = new HashMap<>(vars);
    List<ChatTurn> turns = new ArrayList<>(2 + 2 * recipe.examples().size());
    if (system != null) {
      turns.add(ChatTurn.system(system.apply(values).text()));
    }
    for (Recipe.Example ex : recipe.examples()) {
      turns.add(ChatTurn.user(ex.user()));
      turns.add(ChatTurn.assistant(ex.assistant()));
    }
    turns.add(ChatTurn.user(user.apply(values).text()));
    return turns;
  }
}
