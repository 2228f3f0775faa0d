package org.distill4j.kb.export;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeMap;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.system.Txn;
import org.distill4j.kb.store.Tdb2KnowledgeStore;
import org.distill4j.kb.vocabulary.KD;

/**
 * Writes a knowledge base's records out of the store, in one read transaction so the export is
 * a consistent snapshot. RDF formats stream triple by triple, so memory does not grow with the
 * store; the JSON Lines export is sorted by id so two exports of equal stores are equal files.
 * The output appears under its final name only when complete.
 */
public final class KnowledgeExporter {
  private final Tdb2KnowledgeStore store;

  public KnowledgeExporter(Tdb2KnowledgeStore store) {
    this.store = store;
  }

  /** Exports to {@code file} in {@code format}; returns the number of triples or records. */
  public long export(ExportFormat format, Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      long n;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        n = format == ExportFormat.JSONL ? writeJsonLines(out) : writeRdf(format, out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private long writeRdf(ExportFormat format, OutputStream out) {
    PrefixMap prefixes = PrefixMapFactory.create();
    prefixes.add("kd", KD.NS);
    prefixes.add("prov", KD.PROV);
    prefixes.add("kb", KD.DATA);
    prefixes.add("xsd", "http://www.w3.org/2001/XMLSchema#");
    prefixes.add("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    RDFFormat rdf = format == ExportFormat.TTL ? RDFFormat.TURTLE_BLOCKS : RDFFormat.NTRIPLES;
    return Txn.calculateRead(store.dataset(), () -> {
      StreamRDF stream = StreamRDFWriter.getWriterStream(out, rdf, null);
      long[] count = {0};
      stream.start();
      StreamRDFOps.sendPrefixesToStream(prefixes, stream);
      store.dataset().getDefaultGraph().find().forEachRemaining(t -> {
        stream.triple(t);
        count[0]++;
      });
      stream.finish();
      return count[0];
    });
  }

  private long writeJsonLines(OutputStream out) throws IOException {
    TreeMap<String, String> sorted = new TreeMap<>();
    store.forEachRecord(sorted::put);
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (String json : sorted.values()) {
      w.write(json);
      w.write('\n');
    }
    w.flush();
    return sorted.size();
  }
}
