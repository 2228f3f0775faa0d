package org.distill4j.export.survey;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.schema.CorpusShape;
import org.distill4j.export.split.SplitAssigner;

/**
 * What one pass over a corpus found.
 *
 * @param file the corpus
 * @param records records read (all kinds)
 * @param exported records that pass the export's filter (e.g. {@code --kind})
 * @param rows rows per kind, then per split, of the exported records; only kinds that occur
 * @param shape score and filter names of the exported records
 * @param teachers exported records per teacher ({@code provider/model}, or {@code unknown})
 * @param recipes exported records per recipe ({@code id@version}), for generated records
 * @param sources exported records per import source, for imported records
 */
public record CorpusSurvey(
    Path file,
    long records,
    long exported,
    Map<KnowledgeKind, Map<String, Long>> rows,
    CorpusShape shape,
    Map<String, Long> teachers,
    Map<String, Long> recipes,
    Map<String, Long> sources) {

  /**
   * Reads {@code file} once. The first bad line stops the survey with an
   * {@link org.distill4j.core.io.InputException} naming its file and line; an empty file is
   * refused too.
   *
   * @param include which records are exported
   * @param splits assigns each exported record its split
   */
  public static CorpusSurvey of(Path file, Predicate<CorpusRecord> include,
      SplitAssigner splits) {
    JsonLinesReader.requireRecords(file);
    Tally tally = new Tally(file);
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(file, CorpusRecord.class)) {
      reader.forEach(record -> tally.add(record, include.test(record) ? splits : null));
    }
    return tally.freeze();
  }

  /** Kinds that have rows, in enum order. */
  public java.util.Set<KnowledgeKind> kinds() {
    return rows.keySet();
  }

  /** Rows of one kind and split; 0 when none. */
  public long rows(KnowledgeKind kind, String split) {
    return rows.getOrDefault(kind, Map.of()).getOrDefault(split, 0L);
  }

  /** Rows of one kind over all splits. */
  public long rows(KnowledgeKind kind) {
    return rows.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows of one split over all kinds. */
  public long rows(String split) {
    return rows.values().stream().mapToLong(m -> m.getOrDefault(split, 0L)).sum();
  }

  /** Counts while records stream past. */
  private static final class Tally {
    private final Path file;
    private long records;
    private long exported;
    private final Map<KnowledgeKind, Map<String, Long>> rows = new EnumMap<>(KnowledgeKind.class);
    private final CorpusShape.Builder shape = new CorpusShape.Builder();
    private final Map<String, Long> teachers = new TreeMap<>();
    private final Map<String, Long> recipes = new TreeMap<>();
    private final Map<String, Long> sources = new TreeMap<>();

    Tally(Path file) {
      this.file = file;
    }

    void add(CorpusRecord record, SplitAssigner splits) {
      records++;
      if (splits == null) {
        return;
      }
      exported++;
      rows.computeIfAbsent(record.knowledge().kind(), k -> new TreeMap<>())
          .merge(splits.splitOf(record), 1L, Long::sum);
      shape.add(record);
      Provenance p = record.provenance();
      if (p.teacherProvider() != null || p.teacherModel() != null) {
        teachers.merge(orUnknown(p.teacherProvider()) + "/" + orUnknown(p.teacherModel()), 1L,
            Long::sum);
      }
      if (p.recipeId() != null) {
        recipes.merge(p.recipeId() + (p.recipeVersion() == null ? "" : "@" + p.recipeVersion()),
            1L, Long::sum);
      }
      if (p.source() != null) {
        sources.merge(p.source(), 1L, Long::sum);
      }
    }

    private static String orUnknown(String s) {
      return s == null ? "unknown" : s;
    }

    CorpusSurvey freeze() {
      Map<KnowledgeKind, Map<String, Long>> frozen = new EnumMap<>(KnowledgeKind.class);
      rows.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
      return new CorpusSurvey(file, records, exported, Collections.unmodifiableMap(frozen),
          shape.build(), Collections.unmodifiableMap(teachers),
          Collections.unmodifiableMap(recipes), Collections.unmodifiableMap(sources));
    }
  }
}
