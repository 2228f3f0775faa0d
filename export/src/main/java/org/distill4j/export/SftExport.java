package org.distill4j.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.chat.SftLines;
import org.distill4j.export.split.SplitAssigner;
import org.distill4j.export.staging.StagedOutput;
import org.distill4j.export.survey.CorpusSurvey;

/** The chat and Alpaca outputs: one JSON Lines file, or a folder with one file per split. */
final class SftExport {
  private SftExport() {}

  /** Every exported record as one line of one file. */
  static ExportReport file(ExportSettings s, CorpusSurvey survey, String split) {
    try (StagedOutput out = StagedOutput.file(s.out(), s.overwrite())) {
      long lines;
      try (JsonLinesWriter<Object> writer = JsonLinesWriter.overwrite(out.staging())) {
        lines = write(s, name -> writer);
      }
      out.commit();
      return new ExportReport(out.target(), survey.records(), survey.exported(), List.of(
          new ExportReport.ExportedFile(out.target().getFileName(), null, split, lines)));
    }
  }

  /** A folder with {@code SPLIT.jsonl} for each split that gets lines. */
  static ExportReport folder(ExportSettings s, CorpusSurvey survey) {
    try (StagedOutput out = StagedOutput.folder(s.out(), s.overwrite())) {
      Map<String, JsonLinesWriter<Object>> writers = new LinkedHashMap<>();
      try {
        write(s, split -> writers.computeIfAbsent(split,
            name -> JsonLinesWriter.overwrite(out.staging().resolve(name + ".jsonl"))));
      } finally {
        writers.values().forEach(JsonLinesWriter::close);
      }
      out.commit();
      List<ExportReport.ExportedFile> files = new ArrayList<>();
      for (String split : s.split().names()) {
        JsonLinesWriter<Object> w = writers.get(split);
        if (w != null) {
          files.add(new ExportReport.ExportedFile(Path.of(split + ".jsonl"), null, split,
              w.written()));
        }
      }
      return new ExportReport(out.target(), survey.records(), survey.exported(), files);
    }
  }

  /** The second pass: each exported record as a line of its split's writer; lines written. */
  private static long write(ExportSettings s, Function<String, JsonLinesWriter<Object>> writers) {
    SftLines lines = new SftLines(s.system());
    Function<CorpusRecord, Object> line = s.format() == ExportFormat.ALPACA ? lines::alpaca
        : lines::chat;
    SplitAssigner splits = new SplitAssigner(s.split(), s.splitSeed());
    KnowledgeKind only = s.kind();
    long[] count = {0};
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(s.in(), CorpusRecord.class)) {
      reader.forEach(r -> {
        if (only == null || r.knowledge().kind() == only) {
          writers.apply(splits.splitOf(r)).write(line.apply(r));
          count[0]++;
        }
      });
    }
    return count[0];
  }
}
