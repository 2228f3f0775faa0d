package org.distill4j.kb.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.distill4j.kb.vocabulary.KD;

/**
 * The RDF half of a knowledge base: a Jena TDB2 dataset on disk holding one set of triples per
 * record (see {@link RecordGraph}). Every access runs inside {@link Txn#executeWrite} or
 * {@link Txn#calculateRead}; each {@link #write} is one write transaction.
 *
 * <p>Besides the records, the store keeps in a named graph the sequence number of the last
 * committed batch. The text index commits the same number, so after a crash between the two
 * commits the knowledge base sees the gap and re-indexes the ids of the {@link IndexJournal}.
 *
 * <p>Callers must serialise {@link #write} calls (the knowledge base does, through one writer
 * thread); reads may come from any thread.
 */
public final class Tdb2KnowledgeStore implements AutoCloseable {
  /** The named graph holding the batch sequence number; the default graph holds only records. */
  public static final Node JOURNAL = NodeFactory.createURI("urn:x-distill4j:journal");

  private static final Node STATE = NodeFactory.createURI("urn:x-distill4j:state");

  private final Path directory;
  private final DatasetGraph dataset;

  private Tdb2KnowledgeStore(Path directory, DatasetGraph dataset) {
    this.directory = directory;
    this.dataset = dataset;
  }

  /**
   * Opens (creating when missing) the TDB2 database in {@code directory}. A lock left by a
   * process that no longer runs is taken over by TDB2 itself; a lock held by a live process
   * fails with a message saying which.
   */
  public static Tdb2KnowledgeStore open(Path directory) {
    try {
      Files.createDirectories(directory);
      return new Tdb2KnowledgeStore(directory, DatabaseMgr.connectDatasetGraph(directory.toString()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + directory + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot open the TDB2 store in " + directory + ": " + e.getMessage()
              + ". If another distill process (e.g. `kb serve`) has it open, stop that process;"
              + " if none is running, delete " + directory.resolve("tdb.lock") + " and retry.", e);
    }
  }

  /** The underlying dataset, for SPARQL and serving. Access it only inside a transaction. */
  public DatasetGraph dataset() {
    return dataset;
  }

  /** The folder the database lives in. */
  public Path directory() {
    return directory;
  }

  /**
   * One record to store.
   *
   * @param id the content id
   * @param json the canonical JSON
   * @param triples the record's triples
   * @param replaces true when an earlier version may be stored and must be removed first
   */
  public record StoredRecord(String id, String json, List<Triple> triples, boolean replaces) {}

  /**
   * The stored JSON of each of {@code ids} that is present; absent ids are missing from the map.
   */
  public Map<String, String> jsonOf(Collection<String> ids) {
    return Txn.calculateRead(dataset, () -> {
      Map<String, String> out = new HashMap<>();
      for (String id : ids) {
        String json = jsonInTxn(id);
        if (json != null) {
          out.put(id, json);
        }
      }
      return out;
    });
  }

  private String jsonInTxn(String id) {
    Iterator<Quad> it =
        dataset.find(Quad.defaultGraphIRI, RecordGraph.subject(id), KD.json.asNode(), Node.ANY);
    return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
  }

  /**
   * Writes one batch in one write transaction: replaces the records in {@code puts}, removes
   * those in {@code deletes} and advances the batch sequence number.
   *
   * @return the sequence number of this batch
   */
  public long write(List<StoredRecord> puts, Collection<String> deletes) {
    return Txn.calculateWrite(dataset, () -> {
      for (String id : deletes) {
        removeInTxn(RecordGraph.subject(id));
      }
      for (StoredRecord r : puts) {
        if (r.replaces()) {
          removeInTxn(RecordGraph.subject(r.id()));
        }
        for (Triple t : r.triples()) {
          dataset.add(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject());
        }
      }
      long seq = seqInTxn() + 1;
      dataset.deleteAny(JOURNAL, STATE, KD.batchSeq.asNode(), Node.ANY);
      dataset.add(JOURNAL, STATE, KD.batchSeq.asNode(),
          NodeFactory.createLiteralDT(Long.toString(seq), XSDDatatype.XSDlong));
      return seq;
    });
  }

  private boolean removeInTxn(Node subject) {
    List<Quad> quads = new ArrayList<>();
    dataset.find(Quad.defaultGraphIRI, subject, Node.ANY, Node.ANY).forEachRemaining(quads::add);
    if (quads.isEmpty()) {
      return false;
    }
    for (Quad q : quads) {
      if (RecordGraph.isPartOf(q.getObject(), subject)) {
        dataset.deleteAny(Quad.defaultGraphIRI, q.getObject(), Node.ANY, Node.ANY);
      }
    }
    dataset.deleteAny(Quad.defaultGraphIRI, subject, Node.ANY, Node.ANY);
    return true;
  }

  /** The sequence number of the last committed batch; 0 for a new store. */
  public long batchSeq() {
    return Txn.calculateRead(dataset, this::seqInTxn);
  }

  private long seqInTxn() {
    Iterator<Quad> it = dataset.find(JOURNAL, STATE, KD.batchSeq.asNode(), Node.ANY);
    return it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : 0L;
  }

  /** Calls {@code action} with the id and JSON of every record, in one read transaction. */
  public void forEachRecord(BiConsumer<String, String> action) {
    Txn.executeRead(dataset, () ->
        dataset.find(Quad.defaultGraphIRI, Node.ANY, KD.json.asNode(), Node.ANY)
            .forEachRemaining(q -> action.accept(
                RecordGraph.idOf(q.getSubject()), q.getObject().getLiteralLexicalForm())));
  }

  /** The number of records. */
  public long recordCount() {
    return Txn.calculateRead(dataset, () -> {
      long n = 0;
      Iterator<Quad> it = dataset.find(Quad.defaultGraphIRI, Node.ANY, KD.json.asNode(), Node.ANY);
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return n;
    });
  }

  /** The number of triples in the default graph (records and their provenance). */
  public long tripleCount() {
    return Txn.calculateRead(dataset, () -> dataset.getDefaultGraph().size());
  }

  /**
   * Compacts the database: TDB2 never reuses space freed by deletes and updates, so a store that
   * is rewritten often grows until compacted. Old generations are deleted.
   */
  public void compact() {
    DatabaseMgr.compact(dataset, true);
  }

  /** Releases the database and its lock so that another process may open it. */
  @Override
  public void close() {
    // expel, not close: TDB2 caches connections per location, and a later open in this JVM
    // must see the files as they are on disk, not a stale cached connection.
    TDBInternal.expel(dataset);
  }
}
