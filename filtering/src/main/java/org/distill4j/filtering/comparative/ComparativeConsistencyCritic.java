package org.distill4j.filtering.comparative;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.GroupedCorpusCritic;

/**
 * Finds and resolves contradictions among comparatives. Whole-corpus: it first collects, per
 * adjective, each distinct edge (subject, object, polarity) with its support, then:
 *
 * <ol>
 *   <li>an affirmed and a negated statement of the same pair: the weaker is dropped;
 *   <li>cycles among affirmed edges (A &gt; B and B &gt; A, or A &gt; B &gt; C &gt; A): the
 *       weakest edge of each cycle found is dropped until none is left.
 * </ol>
 *
 * Support is the number of records stating the edge, or, with {@code scoreName}, the sum of that
 * score over them (a critic's confidence). On a tie in a two-sided conflict both sides are
 * dropped: nothing says which is right. Records of other kinds pass untouched. After
 * {@link #observe}, {@link #contradictions()} lists what was found.
 */
public final class ComparativeConsistencyCritic implements GroupedCorpusCritic {
  private final String scoreName;
  private final List<Contradiction> found = new ArrayList<>();

  /** @param scoreName the score to weigh edges by, or null to count records */
  public ComparativeConsistencyCritic(String scoreName) {
    this.scoreName = scoreName;
  }

  /** The contradictions of the last {@link #observe} pass, in the order found. */
  public List<Contradiction> contradictions() {
    return List.copyOf(found);
  }

  private record Edge(String subject, String object, boolean affirmed) {
    @Override
    public String toString() {
      return subject + (affirmed ? " > " : " not> ") + object;
    }
  }

  /**
   * The normalised adjective of a comparative: each adjective's graph is resolved on its own.
   * Null for other kinds, which pass untouched.
   */
  @Override
  public String group(CorpusRecord r) {
    return r.knowledge() instanceof Comparative c ? TextNormalizer.normalize(c.adjective()) : null;
  }

  @Override
  public Critic observe(Iterator<CorpusRecord> records) {
    found.clear();
    Map<String, Map<Edge, Double>> graphs = new LinkedHashMap<>();
    while (records.hasNext()) {
      CorpusRecord r = records.next();
      String adj = group(r);
      if (adj != null) {
        double w = scoreName == null ? 1 : r.scores().getOrDefault(scoreName, 0.0);
        graphs.computeIfAbsent(adj, k -> new LinkedHashMap<>())
            .merge(edge((Comparative) r.knowledge()), w, Double::sum);
      }
    }
    Map<String, Map<Edge, String>> dropped = new HashMap<>();
    graphs.forEach((adj, edges) -> dropped.put(adj, resolve(adj, edges)));
    return Critic.perRecord(r -> {
      String adj = group(r);
      if (adj == null) {
        return Assessment.keep();
      }
      String reason = dropped.get(adj).get(edge((Comparative) r.knowledge()));
      return reason == null ? Assessment.keep() : Assessment.reject(reason);
    });
  }

  private static Edge edge(Comparative c) {
    return new Edge(TextNormalizer.normalize(c.subject()), TextNormalizer.normalize(c.object()),
        c.polarity() == Comparative.Polarity.AFFIRMED);
  }

  private Map<Edge, String> resolve(String adj, Map<Edge, Double> edges) {
    Map<Edge, String> dropped = new HashMap<>();
    for (Map.Entry<Edge, Double> e : edges.entrySet()) {
      Edge a = e.getKey();
      if (!a.affirmed()) {
        continue;
      }
      Edge negated = new Edge(a.subject(), a.object(), false);
      Double neg = edges.get(negated);
      if (neg != null) {
        twoSided(adj, a, e.getValue(), negated, neg, List.of(a.subject(), a.object()), dropped);
      }
    }
    // Cycles among the affirmed edges still standing.
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Map.Entry<Edge, Double> e : edges.entrySet()) {
      Edge a = e.getKey();
      if (a.affirmed() && !dropped.containsKey(a)) {
        out.computeIfAbsent(a.subject(), k -> new HashMap<>()).put(a.object(), e.getValue());
      }
    }
    List<String> cycle;
    while ((cycle = findCycle(out)) != null) {
      if (cycle.size() == 3) {
        Edge ab = new Edge(cycle.get(0), cycle.get(1), true);
        Edge ba = new Edge(cycle.get(1), cycle.get(0), true);
        twoSided(adj, ab, edges.get(ab), ba, edges.get(ba), cycle, dropped);
        if (dropped.containsKey(ab)) {
          out.get(ab.subject()).remove(ab.object());
        }
        if (dropped.containsKey(ba)) {
          out.get(ba.subject()).remove(ba.object());
        }
        continue;
      }
      Edge weakest = null;
      double min = Double.POSITIVE_INFINITY;
      double kept = Double.POSITIVE_INFINITY;
      for (int i = 0; i + 1 < cycle.size(); i++) {
        Edge e = new Edge(cycle.get(i), cycle.get(i + 1), true);
        double w = edges.get(e);
        if (w < min) {
          kept = Math.min(kept, min);
          min = w;
          weakest = e;
        } else {
          kept = Math.min(kept, w);
        }
      }
      found.add(new Contradiction(adj, cycle, weakest.toString(), min, kept));
      dropped.put(weakest, String.format(Locale.ROOT,
          "contradiction on \"%s\": cycle %s; dropped the weakest edge %s (support %s, others"
              + " at least %s)", adj, String.join(" > ", cycle), weakest, num(min), num(kept)));
      out.get(weakest.subject()).remove(weakest.object());
    }
    return dropped;
  }

  private void twoSided(String adj, Edge a, double wa, Edge b, double wb, List<String> cycle,
      Map<Edge, String> dropped) {
    String what = "contradiction on \"" + adj + "\": " + a + " (support " + num(wa) + ") vs " + b
        + " (support " + num(wb) + "); ";
    if (wa == wb) {
      dropped.put(a, what + "equal support, both sides dropped");
      dropped.put(b, what + "equal support, both sides dropped");
      found.add(new Contradiction(adj, cycle, a + " and " + b, wa, wb));
    } else {
      Edge weak = wa < wb ? a : b;
      dropped.put(weak, what + "dropped the weaker side " + weak);
      found.add(new Contradiction(adj, cycle, weak.toString(), Math.min(wa, wb),
          Math.max(wa, wb)));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  /** One cycle as a node list with its first node repeated at the end, or null. */
  private static List<String> findCycle(Map<String, Map<String, Double>> graph) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    for (String start : new ArrayList<>(graph.keySet())) {
      if (state.containsKey(start)) {
        continue;
      }
      // Iterative DFS: a deep chain of comparisons must not overflow the stack.
      List<String> path = new ArrayList<>();
      List<Iterator<String>> its = new ArrayList<>();
      path.add(start);
      its.add(graph.getOrDefault(start, Map.of()).keySet().iterator());
      state.put(start, 1);
      while (!path.isEmpty()) {
        Iterator<String> it = its.get(its.size() - 1);
        if (it.hasNext()) {
          String next = it.next();
          Integer s = state.get(next);
          if (s == null) {
            state.put(next, 1);
            path.add(next);
            its.add(graph.getOrDefault(next, Map.of()).keySet().iterator());
          } else if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
            cycle.add(next);
            return cycle;
          }
        } else {
          state.put(path.remove(path.size() - 1), 2);
          its.remove(its.size() - 1);
        }
      }
    }
    return null;
  }

}
