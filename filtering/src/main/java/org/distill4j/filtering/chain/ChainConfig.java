package org.distill4j.filtering.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.YamlFile;
import org.distill4j.filtering.stage.BuildContext;
import org.distill4j.filtering.stage.Stage;
import org.distill4j.neural.cache.CachingEmbedder;
import org.distill4j.teacher.SuppliedTeacher;

/**
 * A filter chain as written in YAML:
 *
 * <pre>
 * batch_size: 256         # optional
 * filters:
 *   - type: length
 *     max_words: 12
 *   - type: near-dedup
 *     threshold: 0.8
 * </pre>
 *
 * Keys are snake_case, as in recipes and pipeline files. Paths inside (blocklist files, critic
 * folders, gold answers) are relative to the chain file.
 *
 * @param batchSize records per batch ({@code batch_size}), default 256
 * @param filters the stages in order
 */
public record ChainConfig(@JsonProperty("batch_size") Integer batchSize,
    List<FilterSpec> filters) {

  /** Reads and checks a chain file; problems are {@link InputException}s with file:line. */
  public static ChainConfig read(Path file) {
    YamlFile<ChainConfig> read = YamlFile.read(file, ChainConfig.class);
    ChainConfig c = read.value();
    if (c == null || c.filters() == null || c.filters().isEmpty()) {
      throw new InputException(read.where("filters"),
          "a chain needs a \"filters\" list with at least one filter");
    }
    for (int i = 0; i < c.filters().size(); i++) {
      if (c.filters().get(i) == null) {
        // A bare "-" (or a list cut short) parses as a null entry, not as a filter.
        throw new InputException(read.where("filters"), "filter " + (i + 1) + " of the"
            + " \"filters\" list is empty; each entry needs a \"type\" (one of "
            + String.join(", ", FilterSpec.types()) + ")");
      }
    }
    if (c.batchSize() != null && c.batchSize() < 1) {
      throw new InputException(read.where("batch_size"),
          "\"batch_size\" must be at least 1, found " + c.batchSize());
    }
    return c;
  }

  /** Records per batch. */
  public int batchSizeOrDefault() {
    return batchSize == null ? 256 : batchSize;
  }

  /**
   * Builds the stages. The embedding model is created once, and only when a stage needs it.
   *
   * @param baseDir where relative paths start (the chain file's folder)
   */
  public Chain stages(Path baseDir) {
    return stages(baseDir, null);
  }

  /**
   * Builds the stages, giving judges without a {@code teacher} entry the model {@code judge}.
   *
   * @param baseDir where relative paths start (the chain file's folder)
   * @param judge the teacher of judges that name none; null for none
   */
  public Chain stages(Path baseDir, SuppliedTeacher judge) {
    Shared shared = new Shared(baseDir, judge);
    List<Stage> out = new ArrayList<>();
    var names = new HashSet<String>();
    for (FilterSpec f : filters) {
      String name = nameOf(f);
      if (!names.add(name)) {
        throw new InputException("two filters are named \"" + name
            + "\"; add a distinct \"name\" to one of them");
      }
      out.add(build(shared, f));
    }
    return new Chain(out, shared.resources);
  }

  /**
   * Builds stage {@code index} alone, for a worker that runs one stage of the chain (a Spark
   * task): the other stages' models, caches and judges are not loaded. The returned chain holds
   * that one stage.
   *
   * @param baseDir where relative paths start (the chain file's folder)
   */
  public Chain stage(Path baseDir, int index) {
    Shared shared = new Shared(baseDir, null);
    return new Chain(List.of(build(shared, filters.get(index))), shared.resources);
  }

  private static String nameOf(FilterSpec f) {
    return f.name() == null ? FilterSpec.typeOf(f) : f.name();
  }

  private static Stage build(Shared shared, FilterSpec f) {
    String name = nameOf(f);
    try {
      return f.build(shared.forStage(name, FilterSpec.typeOf(f)));
    } catch (IllegalArgumentException e) {
      closeAll(shared.resources);
      throw new InputException(null, "filter \"" + name + "\": " + e.getMessage(), e);
    }
  }

  /** What every stage of one chain shares: the base folder, the embedder, the open resources. */
  private static final class Shared {
    private final Path baseDir;
    private final SuppliedTeacher judge;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private TextEmbedder embedder;

    Shared(Path baseDir, SuppliedTeacher judge) {
      this.baseDir = baseDir;
      this.judge = judge;
    }

    BuildContext forStage(String name, String type) {
      return new BuildContext() {
        @Override
        public Path resolve(String path) {
          return baseDir.resolve(path);
        }

        @Override
        public TextEmbedder embedder() {
          if (embedder == null) {
            // One embedder for every stage of the chain, backed by the shared on-disk cache
            // (CachingEmbedder.defaultDir()) so a rerun never re-embeds; loads on the first text.
            embedder = CachingEmbedder.miniLm(null);
          }
          return embedder;
        }

        @Override
        public Optional<SuppliedTeacher> judgeTeacher() {
          return Optional.ofNullable(judge);
        }

        @Override
        public <T extends AutoCloseable> T hold(T resource) {
          resources.add(resource);
          return resource;
        }

        @Override
        public String name() {
          return name;
        }

        @Override
        public String type() {
          return type;
        }
      };
    }
  }

  /**
   * The built stages and what they hold open (judge runners and reply caches); close it after
   * the run.
   *
   * @param stages the stages in order
   * @param resources closed in reverse order by {@link #close()}
   */
  public record Chain(List<Stage> stages, List<AutoCloseable> resources) implements AutoCloseable {
    @Override
    public void close() {
      closeAll(resources);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close " + resources.get(i) + ": " + e.getMessage(),
            e);
      }
    }
  }

  /**
   * The cut-off of each scoring stage whose threshold the chain sets, by stage name, which is
   * also the name of the score the stage writes (reports draw it on the score's histogram).
   */
  public Map<String, Double> thresholds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (FilterSpec f : filters == null ? List.<FilterSpec>of() : filters) {
      if (f.threshold() != null) {
        out.put(f.name() != null ? f.name() : FilterSpec.typeOf(f), f.threshold());
      }
    }
    return out;
  }
}
