package org.distill4j.cli.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;

/**
 * A corpus whose records carry a human label as a score (1 = accept, 0 = reject), for training
 * and calibrating a critic. Every line must be a valid record with that score, or reading stops at
 * it with its file:line.
 *
 * @param records the records, in file order
 * @param labels their labels
 */
record LabelledRecords(List<CorpusRecord> records, boolean[] labels) {

  static LabelledRecords read(Path file, String labelScore) {
    List<CorpusRecord> records = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      Iterator<ParsedLine<CorpusRecord>> it = r.lines();
      while (it.hasNext()) {
        ParsedLine<CorpusRecord> line = it.next();
        if (line instanceof ParsedLine.Bad<CorpusRecord> bad) {
          throw new InputException(bad.location(), bad.problem());
        }
        CorpusRecord rec = ((ParsedLine.Good<CorpusRecord>) line).value();
        Double v = rec.scores().get(labelScore);
        if (v == null || (v != 0 && v != 1)) {
          throw new InputException(line.location(), "expected score \"" + labelScore
              + "\" to be 1 (accept) or 0 (reject), found " + v);
        }
        records.add(rec);
        labels.add(v == 1);
      }
    }
    if (records.isEmpty()) {
      throw new InputException(file + ": no records");
    }
    boolean[] l = new boolean[labels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
    }
    return new LabelledRecords(records, l);
  }
}
