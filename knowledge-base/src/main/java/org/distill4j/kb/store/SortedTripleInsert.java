package org.distill4j.kb.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.atlas.lib.tuple.TupleMap;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Adds a batch of default-graph triples to a TDB2 dataset inside the caller's write transaction,
 * one index at a time, each in that index's own key order.
 *
 * <p>It writes exactly what {@code DatasetGraph.add} would (the same node-table entries, the same
 * records in every triple index, in the same transaction, so commit, abort and crash recovery
 * are unchanged); only the order differs. {@code add} inserts a triple into SPO, POS and OSP in
 * turn, so a batch sorted by subject reaches POS and OSP in random key order, touching (and in
 * TDB2's copy-on-write B+trees, copying) a page per insert. Sorted per index, consecutive
 * inserts land on the same leaf pages.
 */
final class SortedTripleInsert {
  private SortedTripleInsert() {}

  /** Must run on the thread holding {@code dataset}'s write transaction. */
  static void add(DatasetGraph dataset, List<Triple> triples) {
    NodeTupleTable table = TDBInternal.getDatasetGraphTDB(dataset).getTripleTable()
        .getNodeTupleTable();
    NodeTable nodes = table.getNodeTable();
    List<Tuple<NodeId>> tuples = new ArrayList<>(triples.size());
    for (Triple t : triples) {
      tuples.add(TupleFactory.create3(nodes.getAllocateNodeId(t.getSubject()),
          nodes.getAllocateNodeId(t.getPredicate()), nodes.getAllocateNodeId(t.getObject())));
    }
    for (TupleIndex index : table.getTupleTable().getIndexes()) {
      TupleMap order = index.getMapping();
      List<Tuple<NodeId>> sorted = new ArrayList<>(tuples);
      sorted.sort(Comparator.comparing(order::map, SortedTripleInsert::compare));
      for (Tuple<NodeId> t : sorted) {
        index.add(t);
      }
    }
  }

  private static int compare(Tuple<NodeId> a, Tuple<NodeId> b) {
    for (int i = 0; i < a.len(); i++) {
      int c = NodeId.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
