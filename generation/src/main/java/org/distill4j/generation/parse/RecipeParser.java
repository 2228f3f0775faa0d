package org.distill4j.generation.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distill4j.core.corpus.ContentId;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.generation.recipe.Recipe;
import org.distill4j.teacher.TeacherReply;

/**
 * Turns a teacher reply into knowledge as a recipe says: refuses empty and truncated replies,
 * reads items in the recipe's format, maps each to knowledge, and keeps every item that did not
 * make it as a {@link Fragment} with its reason.
 */
public final class RecipeParser {
  private final ItemReader reader;
  private final KnowledgeMapper mapper;

  public RecipeParser(Recipe recipe) {
    this.reader = "json".equals(recipe.output().format()) ? new JsonItemReader() : new LineItemReader();
    this.mapper = new KnowledgeMapper(recipe.knowledgeKind(), recipe.output().fields());
  }

  /** Parses one reply to a prompt rendered from {@code variables}. */
  public ParseResult parse(TeacherReply reply, Map<String, String> variables) {
    String text = reply.text();
    if (text == null || text.isBlank()) {
      return new ParseResult(List.of(), List.of(), List.of(),
          "empty reply (finish_reason=" + reply.finish().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (reply.truncated()) {
      // A reply cut at max_tokens may parse, but its last items are incomplete: never a silent
      // success. Raising max_tokens re-sends exactly these requests.
      return new ParseResult(List.of(), List.of(), List.of(),
          "reply cut at max_tokens (finish_reason=length); raise max_tokens");
    }
    ReplyItems items = reader.read(text);
    List<Fragment> dropped = new ArrayList<>(items.dropped());
    List<Knowledge> knowledge = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> item : items.items()) {
      try {
        Knowledge k = mapper.map(item, variables);
        String id = ContentId.of(k);
        if (seen.add(id)) {
          knowledge.add(k);
          ids.add(id);
        } else {
          dropped.add(new Fragment(k.text(), "duplicate within the reply"));
        }
      } catch (IllegalArgumentException e) {
        dropped.add(new Fragment(item.toString(), e.getMessage()));
      }
    }
    String failure = items.failure();
    if (failure == null && knowledge.isEmpty()) {
      failure = "no item became knowledge (" + dropped.size() + " dropped)";
    }
    return new ParseResult(knowledge, ids, dropped, failure);
  }
}
