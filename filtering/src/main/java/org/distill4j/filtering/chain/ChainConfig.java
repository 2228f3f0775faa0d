package org.distill4j.filtering.chain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.filtering.comparative.ComparativeConsistencyCritic;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.dedup.ExactDedupCritic;
import org.distill4j.filtering.dedup.NearDedupCritic;
import org.distill4j.filtering.dedup.SemanticDedupCritic;
import org.distill4j.filtering.rationale.AnswerCheckCritic;
import org.distill4j.filtering.rationale.RationaleSplitCritic;
import org.distill4j.filtering.rationale.SelfConsistencyCritic;
import org.distill4j.filtering.rules.BlocklistCritic;
import org.distill4j.filtering.rules.CopyCritic;
import org.distill4j.filtering.rules.KindCritic;
import org.distill4j.filtering.rules.LengthCritic;
import org.distill4j.filtering.rules.SchemaCritic;
import org.distill4j.filtering.judge.JudgeRubric;
import org.distill4j.filtering.judge.LlmJudgeCritic;
import org.distill4j.neural.MiniLm;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;

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
    // One embedder for every stage; its model loads on the first text embedded.
    TextEmbedder embedder = MiniLm.embedder();
    List<Stage> out = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    var names = new HashSet<String>();
    for (FilterSpec f : filters) {
      String type = typeOf(f);
      String name = f.name() == null ? type : f.name();
      if (!names.add(name)) {
        throw new InputException("two filters are named \"" + name
            + "\"; add a distinct \"name\" to one of them");
      }
      try {
        out.add(build(f, name, type, baseDir, embedder, resources));
      } catch (IllegalArgumentException e) {
        closeAll(resources);
        throw new InputException(null, "filter \"" + name + "\": " + e.getMessage(), e);
      }
    }
    return new Chain(out, resources);
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
  public java.util.Map<String, Double> thresholds() {
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (FilterSpec f : filters == null ? List.<FilterSpec>of() : filters) {
      Double t = null;
      if (f instanceof FilterSpec.Copy c) {
        t = c.maxOverlap();
      } else if (f instanceof FilterSpec.NearDedup n) {
        t = n.threshold();
      } else if (f instanceof FilterSpec.SemanticDedup d) {
        t = d.threshold();
      } else if (f instanceof FilterSpec.Classifier c) {
        t = c.threshold();
      } else if (f instanceof FilterSpec.Judge j) {
        t = j.threshold();
      }
      if (t != null) {
        out.put(f.name() != null ? f.name() : typeOf(f), t);
      }
    }
    return out;
  }

  private static String typeOf(FilterSpec f) {
    for (var t : FilterSpec.class.getAnnotation(
        com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
      if (t.value() == f.getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException("unregistered filter spec " + f.getClass());
  }

  private static Stage build(FilterSpec f, String name, String type, Path base,
      TextEmbedder embedder, List<AutoCloseable> resources) {
    if (f instanceof FilterSpec.Schema s) {
      return streaming(name, type, new SchemaCritic(set(s.kinds()), set(s.relations()),
          s.requireProvenance()));
    } else if (f instanceof FilterSpec.Length l) {
      return streaming(name, type, new LengthCritic(or(l.minWords(), 1), or(l.maxWords(), 200),
          or(l.minChars(), 1), or(l.maxChars(), 2000)));
    } else if (f instanceof FilterSpec.Blocklist b) {
      return streaming(name, type, new BlocklistCritic(blockedTerms(b, base)));
    } else if (f instanceof FilterSpec.Copy c) {
      return streaming(name, type, new CopyCritic(or(c.maxOverlap(), 0.8)));
    } else if (f instanceof FilterSpec.Kind k) {
      return streaming(name, type, new KindCritic(or(k.maxAttributeWords(), 3)));
    } else if (f instanceof FilterSpec.ExactDedup) {
      return streaming(name, type, new ExactDedupCritic());
    } else if (f instanceof FilterSpec.NearDedup n) {
      return streaming(name, type, new NearDedupCritic(or(n.threshold(), 0.8),
          or(n.shingleWords(), 2), or(n.bands(), 8), or(n.rows(), 4)));
    } else if (f instanceof FilterSpec.SemanticDedup s) {
      return streaming(name, type, new SemanticDedupCritic(embedder,
          or(s.threshold(), 0.9)));
    } else if (f instanceof FilterSpec.Classifier c) {
      if (c.model() == null) {
        throw new IllegalArgumentException("a classifier needs \"model\", a critic folder");
      }
      ClassifierCritic critic = ClassifierCritic.load(base.resolve(c.model()), embedder);
      return streaming(name, type, c.threshold() == null ? critic
          : critic.withThreshold(c.threshold()));
    } else if (f instanceof FilterSpec.RationaleSplit r) {
      return streaming(name, type, new RationaleSplitCritic(or(r.requireAnswer(), false)));
    } else if (f instanceof FilterSpec.AnswerCheck a) {
      if (a.gold() == null) {
        throw new IllegalArgumentException("answer-check needs \"gold\", a JSON Lines file");
      }
      return streaming(name, type, new AnswerCheckCritic(
          AnswerCheckCritic.readGold(base.resolve(a.gold())), or(a.requireGold(), false)));
    } else if (f instanceof FilterSpec.SelfConsistency s) {
      return new Stage.WholeCorpus(name, type, new SelfConsistencyCritic(
          or(s.minAgreement(), 0.5), or(s.minTeacherAgreement(), 0.0),
          SelfConsistencyCritic.GroupBy.parse(s.groupBy())));
    } else if (f instanceof FilterSpec.Judge j) {
      return judge(j, name, type, base, resources);
    }
    FilterSpec.ComparativeConsistency c = (FilterSpec.ComparativeConsistency) f;
    return new Stage.WholeCorpus(name, type, new ComparativeConsistencyCritic(c.score()));
  }

  private static List<String> blockedTerms(FilterSpec.Blocklist b, Path base) {
    List<String> terms = new ArrayList<>(b.terms() == null ? List.of() : b.terms());
    if (b.file() != null) {
      Path p = base.resolve(b.file());
      try {
        for (String line : Files.readAllLines(p)) {
          if (!line.isBlank() && !line.startsWith("#")) {
            terms.add(line.strip());
          }
        }
      } catch (IOException e) {
        throw new InputException(new SourceLocation(p, 0), "cannot read blocklist: "
            + e.getMessage(), e);
      }
    }
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("a blocklist needs \"terms\" or a \"file\"");
    }
    return terms;
  }

  private static Stage judge(FilterSpec.Judge j, String name, String type, Path base,
      List<AutoCloseable> resources) {
    if (j.rubric() == null || j.teacher() == null) {
      throw new IllegalArgumentException("a judge needs \"rubric\" (a file such as"
          + " prompts/critics/llm-judge.yaml) and \"teacher\" (provider, model, base_url…)");
    }
    JudgeRubric rubric = JudgeRubric.read(base.resolve(j.rubric()));
    Teacher teacher = new ChatModelFactory().teacher(j.teacher());
    ReplyCache cache = ReplyCache.open(base.resolve(j.cache() == null ? "judge-cache" : j.cache()));
    resources.add(cache);
    BatchRunner runner = new BatchRunner(teacher, j.teacher().id(), cache,
        RunnerSettings.of(or(j.concurrency(), 4)));
    resources.add(runner);
    return streaming(name, type, new LlmJudgeCritic(runner, rubric, or(j.threshold(), 4.0)));
  }

  private static Stage streaming(String name, String type, Critic critic) {
    return new Stage.Streaming(name, type, critic);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static java.util.Set<String> set(List<String> l) {
    return l == null ? java.util.Set.of() : new HashSet<>(l);
  }
}
