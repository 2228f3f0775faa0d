package org.distill4j.core.knowledge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An ATOMIC-style if-then triple: an event, a relation and an inference, as in "PersonX pays the
 * bill" xIntent "to be generous". Relations are open; {@link AtomicRelation} lists the usual ones.
 *
 * @param head the event, not blank
 * @param relation the relation name, one token such as {@code xIntent}
 * @param tail the inference, not blank
 */
public record CommonsenseTriple(String head, String relation, String tail) implements Knowledge {
  private static final Pattern RELATION = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  public CommonsenseTriple {
    head = Fields.requireText(head, "head");
    relation = Fields.requireText(relation, "relation");
    if (!RELATION.matcher(relation).matches()) {
      throw new IllegalArgumentException(
          "field \"relation\" must be one token of letters, digits or '_' (like xIntent), found \""
              + relation + "\"");
    }
    tail = Fields.requireText(tail, "tail");
  }

  @Override
  public KnowledgeKind kind() {
    return KnowledgeKind.TRIPLE;
  }

  @Override
  public String text() {
    return head + " " + AtomicRelation.phrase(relation) + " " + tail;
  }

  @Override
  public List<String> identityFields() {
    return List.of(head, relation, tail);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.triple(this);
  }
}
