package org.distill4j.kb.query;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionBase;

/**
 * A function whose class initialiser records that it ran: a query naming it with a java: IRI
 * must be refused before Jena loads it.
 */
public final class Tripwire extends FunctionBase {
  /** Set by the class initialiser; read through {@link Loaded} so tests do not load this. */
  public static final class Loaded {
    public static final AtomicBoolean FLAG = new AtomicBoolean();
  }

  static {
    Loaded.FLAG.set(true);
  }

  @Override
  public void checkBuild(String uri, org.apache.jena.sparql.expr.ExprList args) {}

  @Override
  public NodeValue exec(List<NodeValue> args) {
    return NodeValue.makeString("loaded");
  }
}
