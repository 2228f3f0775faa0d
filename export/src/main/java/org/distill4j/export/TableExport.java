package org.distill4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.hf.CardFacts;
import org.distill4j.export.hf.DatasetCard;
import org.distill4j.export.hf.FunnelSummary;
import org.distill4j.export.hf.HfLayout;
import org.distill4j.export.parquet.ParquetOptions;
import org.distill4j.export.parquet.TableLayout;
import org.distill4j.export.parquet.TableSet;
import org.distill4j.export.parquet.WrittenFile;
import org.distill4j.export.schema.ExportSchema;
import org.distill4j.export.split.SplitAssigner;
import org.distill4j.export.staging.StagedOutput;
import org.distill4j.export.survey.CorpusSurvey;

/** The Parquet outputs: one file, a folder of files per kind, or a Hugging Face folder. */
final class TableExport {
  private TableExport() {}

  /** One {@code .parquet} file holding the one kind of the corpus. */
  static ExportReport parquetFile(ExportSettings s, CorpusSurvey survey, KnowledgeKind kind) {
    try (StagedOutput out = StagedOutput.file(s.out(), s.overwrite())) {
      Path staged = out.staging();
      TableLayout layout = (k, split, shard, shards) -> staged.getFileName();
      List<WrittenFile> files = write(s, survey, staged.getParent(), layout, "file");
      out.commit();
      List<ExportReport.ExportedFile> report = files.stream()
          .map(f -> new ExportReport.ExportedFile(out.target().getFileName(), f.kind().id(),
              f.split(), f.rows())).toList();
      return new ExportReport(out.target(), survey.records(), survey.exported(), report);
    }
  }

  /** A folder of {@code KIND.parquet}, or {@code KIND-SPLIT.parquet} when split. */
  static ExportReport parquetFolder(ExportSettings s, CorpusSurvey survey) {
    boolean split = s.split().isSplit();
    TableLayout layout = (kind, name, shard, shards) ->
        Path.of(kind.id() + (split ? "-" + name : "") + ".parquet");
    try (StagedOutput out = StagedOutput.folder(s.out(), s.overwrite())) {
      List<WrittenFile> files = write(s, survey, out.staging(), layout, "folder");
      out.commit();
      return new ExportReport(out.target(), survey.records(), survey.exported(), report(files));
    }
  }

  /** A Hugging Face dataset folder: shards under {@code data/} and the README card. */
  static ExportReport huggingFace(ExportSettings s, CorpusSurvey survey) {
    HfLayout layout = new HfLayout(survey.kinds(), s.rowsPerShard());
    var funnel = FunnelSummary.besides(s.in());
    try (StagedOutput out = StagedOutput.folder(s.out(), s.overwrite())) {
      List<WrittenFile> files = write(s, survey, out.staging(), layout, "hf");
      Map<KnowledgeKind, ExportSchema> schemas = new EnumMap<>(KnowledgeKind.class);
      for (KnowledgeKind kind : survey.kinds()) {
        schemas.put(kind, ExportSchema.of(kind, survey.shape()));
      }
      String title = s.title() != null ? s.title() : out.target().getFileName().toString();
      CardFacts facts = new CardFacts(title, survey, layout, schemas, files, s.split(),
          s.splitSeed(), s.license(), funnel);
      Files.writeString(out.staging().resolve("README.md"), DatasetCard.render(facts),
          StandardCharsets.UTF_8);
      out.commit();
      return new ExportReport(out.target(), survey.records(), survey.exported(), report(files));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dataset card: " + e.getMessage(), e);
    }
  }

  /** The second pass: every exported record into its table. */
  private static List<WrittenFile> write(ExportSettings s, CorpusSurvey survey, Path root,
      TableLayout layout, String layoutName) {
    ParquetOptions options = ParquetOptions.defaults()
        .withCompression(s.compression())
        .withMetadata(Map.of("distill4j.source", String.valueOf(s.in().getFileName()),
            "distill4j.layout", layoutName));
    SplitAssigner splits = new SplitAssigner(s.split(), s.splitSeed());
    KnowledgeKind only = s.kind();
    TableSet tables = new TableSet(root, layout, survey.rows(), survey.shape(), options);
    try (tables;
        JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(s.in(), CorpusRecord.class)) {
      reader.forEach(r -> {
        if (only == null || r.knowledge().kind() == only) {
          tables.write(r, splits.splitOf(r));
        }
      });
    }
    return tables.written();
  }

  private static List<ExportReport.ExportedFile> report(List<WrittenFile> files) {
    return files.stream().map(f -> new ExportReport.ExportedFile(f.path(), f.kind().id(),
        f.split(), f.rows())).toList();
  }
}
