package org.distill4j.filtering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Rationale;

/** Tiny hand-made records for filter tests. */
public final class Fixtures {
  private Fixtures() {}

  public static CorpusRecord triple(String head, String relation, String tail) {
    return CorpusRecord.of(new CommonsenseTriple(head, relation, tail),
        Provenance.builder().teacherModel("t").build());
  }

  public static CorpusRecord comparative(String a, String adj, String b) {
    return CorpusRecord.of(new Comparative(a, adj, b, null, null), Provenance.unknown());
  }

  public static CorpusRecord rationale(String q, List<String> choices, String step,
      String answer, String teacher, int sample) {
    return CorpusRecord.of(new Rationale(q, choices, List.of(step), answer),
        Provenance.builder().teacherModel(teacher).sampleIndex(sample).build());
  }

  public static Path write(Path file, List<CorpusRecord> records) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      records.forEach(w::write);
    }
    return file;
  }

  public static List<CorpusRecord> read(Path file) {
    List<CorpusRecord> out = new ArrayList<>();
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      r.forEach(out::add);
    }
    return out;
  }

  public static String json(Object value) {
    try {
      return CorpusJson.json().writeValueAsString(value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void append(Path file, String line) {
    try {
      Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
