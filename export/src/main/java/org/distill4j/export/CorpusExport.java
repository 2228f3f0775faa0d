package org.distill4j.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.split.SplitAssigner;
import org.distill4j.export.survey.CorpusSurvey;

/**
 * The export stage's entry point. It reads the corpus twice: a first pass checks every line
 * (a bad line stops the export with its file:line before anything is written) and counts what
 * each table will hold; the second streams the records into the output. Memory does not grow
 * with the corpus: Parquet rows are buffered one row group at a time, JSON lines not at all.
 *
 * <p>Outputs, all written under a hidden staging name and moved into place when complete:
 *
 * <ul>
 *   <li>{@code parquet}: an {@code --out} ending in {@code .parquet} is one file, which needs a
 *       corpus of one kind (or {@code --kind}) and no split; any other {@code --out} is a folder
 *       with one file per kind, {@code KIND.parquet}, or {@code KIND-SPLIT.parquet} when split.
 *       Kinds have different columns, so a mixed corpus is never squeezed into one table.
 *   <li>{@code hf}: a folder in the Hugging Face layout ({@link org.distill4j.export.hf}).
 *   <li>{@code chat}, {@code alpaca}: an {@code --out} ending in {@code .jsonl} is one file
 *       (no split); any other is a folder with {@code SPLIT.jsonl} per split. Kinds mix freely.
 * </ul>
 */
public final class CorpusExport {
  private CorpusExport() {}

  /**
   * Runs one export.
   *
   * @throws InputException for bad input: a bad line (with file:line), no records to export, an
   *     output that cannot hold the corpus, or an output that exists without {@code overwrite}
   */
  public static ExportReport run(ExportSettings settings) {
    SplitAssigner splits = new SplitAssigner(settings.split(), settings.splitSeed());
    KnowledgeKind only = settings.kind();
    Predicate<CorpusRecord> include = only == null ? r -> true
        : r -> r.knowledge().kind() == only;
    CorpusSurvey survey = CorpusSurvey.of(settings.in(), include, splits);
    if (survey.exported() == 0) {
      throw new InputException(new SourceLocation(settings.in(), 0), "no " + only.id()
          + " records to export among its " + survey.records() + "; leave out --kind to export"
          + " them all");
    }
    return switch (settings.format()) {
      case PARQUET -> isFile(settings.out(), ".parquet")
          ? TableExport.parquetFile(settings, survey, requireOneTable(settings, survey))
          : TableExport.parquetFolder(settings, survey);
      case HF -> TableExport.huggingFace(settings, survey);
      case CHAT, ALPACA -> isFile(settings.out(), ".jsonl")
          ? SftExport.file(settings, survey, requireUnsplit(settings))
          : SftExport.folder(settings, survey);
    };
  }

  private static boolean isFile(Path out, String extension) {
    Path name = out.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(extension);
  }

  private static KnowledgeKind requireOneTable(ExportSettings settings, CorpusSurvey survey) {
    requireUnsplit(settings);
    if (survey.kinds().size() > 1) {
      throw new InputException(new SourceLocation(settings.in(), 0), "holds "
          + survey.kinds().stream().map(k -> k.id() + " (" + survey.rows(k) + ")")
              .collect(Collectors.joining(", "))
          + " records, and one .parquet file holds one kind's columns; give --kind KIND, or an"
          + " --out folder to get one file per kind");
    }
    return survey.kinds().iterator().next();
  }

  private static String requireUnsplit(ExportSettings settings) {
    if (settings.split().isSplit()) {
      throw new InputException("--out " + settings.out() + " names one file, and --split "
          + settings.split() + " makes several; give a folder as --out");
    }
    return settings.split().names().get(0);
  }
}
