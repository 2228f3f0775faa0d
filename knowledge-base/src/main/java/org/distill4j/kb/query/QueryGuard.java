package org.distill4j.kb.query;

import java.util.Locale;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.path.P_NegPropSet;
import org.apache.jena.sparql.path.P_Path0;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;

/**
 * Keeps a query inside the store. Jena would otherwise let a query reach outside it in two ways:
 * {@code SERVICE <url>} fetches the URL (and puts the reply body in the error when it is not
 * SPARQL), and a function or predicate IRI in the {@code java:} scheme makes Jena load and
 * initialise any class on the class path by name. Both are refused before the query runs; the
 * service check is also installed in the execution context, so a {@code SERVICE} that escapes
 * the static check (an endpoint bound at run time) is refused before any connection is made.
 * {@code FROM}/{@code FROM NAMED} need nothing here: against a TDB2 dataset (and in Fuseki) they
 * select graphs already in the store by name and never load the URL.
 */
public final class QueryGuard {
  private static final String JAVA_SCHEME = "java:";
  /** The setting that lists the endpoints SERVICE may call. */
  public static final String ALLOW_SERVICE = "allow_service";

  private final QueryPolicy policy;

  public QueryGuard(QueryPolicy policy) {
    this.policy = policy;
  }

  /**
   * Checks {@code query} before it runs.
   *
   * @throws InputException naming the clause that is refused and what to do instead
   */
  public void check(Query query, String origin) {
    Op op = Algebra.compile(query);
    Walker.walk(op, new OpChecker(origin), new FunctionChecker(origin));
  }

  /**
   * Checks {@code query} and marks it as checked, for a caller that refuses before it opens the
   * store and runs the query later.
   *
   * @throws InputException as {@link #check} does
   */
  public GuardedQuery guarded(Query query, String origin) {
    check(query, origin);
    return new GuardedQuery(query, origin, policy);
  }

  /** Refuses, at execution time, every {@code SERVICE} call the policy does not allow. */
  public void install(Context context) {
    ServiceExecutorRegistry.set(context, serviceRegistry());
  }

  /**
   * A service registry whose only executor checks the policy first: Jena's default one would
   * call any endpoint.
   */
  public ServiceExecutorRegistry serviceRegistry() {
    ServiceExecutorRegistry registry = new ServiceExecutorRegistry();
    registry.addSingleLink((opExecute, original, binding, execCxt, chain) -> {
      Node endpoint = opExecute.getService();
      if (endpoint == null || !endpoint.isURI() || !policy.allowsService(endpoint.getURI())) {
        // Past the static check no front end can spell the setting: its own name is used.
        throw new QueryExecException(new SettingException(ALLOW_SERVICE,
            serviceRefusal(endpoint == null ? "?" : endpoint.toString())).getMessage());
      }
      return ServiceExecutorRegistry.httpService.createExecution(opExecute, original, binding,
          execCxt);
    });
    return registry;
  }

  private String serviceRefusal(String endpoint) {
    return "SERVICE " + endpoint + " is refused: federated queries would make this process"
        + " fetch a URL; "
        + (policy.allowedServices().isEmpty() ? "none is allowed unless listed with"
            + " {setting} URL" : "allowed endpoints: " + policy.allowedServices()
            + " (add more with {setting} URL)");
  }

  private final class OpChecker extends OpVisitorBase {
    private final String origin;

    OpChecker(String origin) {
      this.origin = origin;
    }

    @Override
    public void visit(OpService op) {
      Node s = op.getService();
      if (!s.isURI()) {
        throw new SettingException(ALLOW_SERVICE, origin + ": SERVICE " + s + " is refused: the"
            + " endpoint must be a fixed IRI listed with {setting} URL, not a variable");
      }
      if (!policy.allowsService(s.getURI())) {
        throw new SettingException(ALLOW_SERVICE,
            origin + ": " + serviceRefusal("<" + s.getURI() + ">"));
      }
    }

    @Override
    public void visit(OpBGP op) {
      op.getPattern().forEach(this::predicate);
    }

    @Override
    public void visit(OpTriple op) {
      predicate(op.getTriple());
    }

    @Override
    public void visit(OpQuadPattern op) {
      op.getPattern().forEach(q -> predicate(q.asTriple()));
    }

    @Override
    public void visit(OpPath op) {
      Path path = op.getTriplePath().getPath();
      if (path == null) {
        predicate(op.getTriplePath().asTriple());
        return;
      }
      pathIris(path);
    }

    private void pathIris(Path path) {
      if (path instanceof P_Path0 link) {
        iri(link.getNode());
      } else if (path instanceof P_NegPropSet neg) {
        neg.getNodes().forEach(n -> iri(n.getNode()));
      } else if (path instanceof P_Path1 one) {
        pathIris(one.getSubPath());
      } else if (path instanceof P_Path2 two) {
        pathIris(two.getLeft());
        pathIris(two.getRight());
      }
    }

    private void predicate(Triple t) {
      iri(t.getPredicate());
    }

    private void iri(Node n) {
      // Any predicate may name a property function, which Jena loads by class name.
      if (n != null && n.isURI() && isJavaClass(n.getURI())
          && !PropertyFunctionRegistry.get().isRegistered(n.getURI())) {
        throw new InputException(origin + ": predicate <" + n.getURI() + "> is refused: java:"
            + " IRIs make Jena load a class by name; use the kd: vocabulary or a standard"
            + " property function");
      }
    }
  }

  private static final class FunctionChecker extends ExprVisitorBase {
    private final String origin;

    FunctionChecker(String origin) {
      this.origin = origin;
    }

    @Override
    public void visit(ExprFunctionN func) {
      if (func instanceof E_Function f && isJavaClass(f.getFunctionIRI())
          && !FunctionRegistry.get().isRegistered(f.getFunctionIRI())) {
        throw new InputException(origin + ": function <" + f.getFunctionIRI() + "> is refused:"
            + " java: IRIs make Jena load a class by name; use a SPARQL or afn: function");
      }
    }
  }

  private static boolean isJavaClass(String iri) {
    return iri != null && iri.toLowerCase(Locale.ROOT).startsWith(JAVA_SCHEME);
  }
}
