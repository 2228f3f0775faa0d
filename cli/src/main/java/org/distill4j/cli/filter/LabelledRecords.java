package org.distill4j.cli.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.filtering.critic.CriticExample;

/**
 * Labelled items for training and calibrating a critic: a corpus whose records carry a human
 * label as a score (1 = accept, 0 = reject), or a CSV/TSV/JSON Lines table read through a
 * {@link RowMapping}. Every line must be valid and labelled, or reading stops at it with its
 * file:line.
 *
 * @param items the items, in file order
 * @param labels their labels
 */
record LabelledRecords(List<CriticItem> items, boolean[] labels) {

  /**
   * Reads {@code file}: as mapped rows when {@code rows} has a text column (the label in column
   * {@code label}), else as corpus records (the label in score {@code label}).
   */
  static LabelledRecords read(Path file, RowMapping rows, String label, String positive,
      List<String> side) {
    JsonLinesReader.requireRecords(file);
    List<CriticItem> items = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    if (rows.mapped()) {
      rows.read(file, label, positive, side, items, labels);
    } else {
      rows.requireNoColumns(file);
      if (positive != null) {
        throw new InputException("--positive names a label value in a table; give --text too");
      }
      readRecords(file, label, items, labels);
    }
    if (items.isEmpty()) {
      throw new InputException(file + ": no records");
    }
    boolean[] l = new boolean[labels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
    }
    return new LabelledRecords(items, l);
  }

  private static void readRecords(Path file, String labelScore, List<CriticItem> items,
      List<Boolean> labels) {
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
              + "\" to be 1 (accept) or 0 (reject), found " + v + "; for a CSV, TSV or plain"
              + " JSON Lines table name its columns with --text and --label");
        }
        items.add(new CriticItem(rec.externalId() != null ? rec.externalId() : rec.id(),
            rec.knowledge().text(), rec.scores(),
            line.location()));
        labels.add(v == 1);
      }
    }
  }

  /** The same items with {@code rows}' derived features computed (a no-op without any). */
  LabelledRecords withFeatures(RowMapping rows, TextEmbedder embedder) {
    return new LabelledRecords(rows.withFeatures(items, embedder), labels);
  }

  /** The items as critic examples with the side features {@code side}, in order. */
  List<CriticExample> examples(List<String> side) {
    List<CriticExample> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(new CriticExample(items.get(i).text(), items.get(i).side(side), labels[i]));
    }
    return out;
  }
}
