package org.distill4j.filtering.chain;

import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import org.distill4j.teacher.SuppliedTeacher;

/**
 * What a filter run is told, whatever the front end: the settings below by their own names, which
 * a {@link org.distill4j.core.io.SettingException} carries and each front end spells its way
 * ({@code --filters} on the command line, {@code filter.chain} in a pipeline file). From Java,
 * start with {@link #builder}.
 *
 * @param chain the chain file ({@value #CHAIN}); relative paths inside start at its folder
 * @param in the corpus to filter ({@value #IN}), JSON Lines of records
 * @param out the output folder ({@value #OUT}); its files are replaced only when a run completes
 * @param batchSize records per batch ({@value #BATCH_SIZE}); null for the chain file's
 *     {@code batch_size}, itself 256 by default
 * @param judge the teacher of the chain's judges that name no {@code teacher}: a model the caller
 *     built; null for none (such a judge is then an error)
 */
public record FilterSettings(Path chain, Path in, Path out, Integer batchSize,
    SuppliedTeacher judge) {
  /** The chain file's setting name. */
  public static final String CHAIN = "chain";
  /** The input corpus's setting name. */
  public static final String IN = "in";
  /** The output folder's setting name. */
  public static final String OUT = "out";
  /** The batch size's setting name. */
  public static final String BATCH_SIZE = "batch_size";

  /** Settings whose judges, if any, name their own teacher in the chain file. */
  public FilterSettings(Path chain, Path in, Path out, Integer batchSize) {
    this(chain, in, out, batchSize, null);
  }

  /** Settings with the chain file's batch size. */
  public static FilterSettings of(Path chain, Path in, Path out) {
    return new FilterSettings(chain, in, out, null, null);
  }

  /** Settings filtering {@code in} through the chain file {@code chain} into the folder {@code out}. */
  public static Builder builder(Path chain, Path in, Path out) {
    return new Builder(chain, in, out);
  }

  /** Builds {@link FilterSettings}; unset values are the chain file's or the stage's defaults. */
  public static final class Builder {
    private final Path chain;
    private final Path in;
    private final Path out;
    private Integer batchSize;
    private SuppliedTeacher judge;

    private Builder(Path chain, Path in, Path out) {
      this.chain = chain;
      this.in = in;
      this.out = out;
    }

    /** Records per batch; the chain file's {@code batch_size} (or 256) by default. */
    public Builder batchSize(int records) {
      this.batchSize = records;
      return this;
    }

    /**
     * The model the chain's judges ask when their entry names no {@code teacher}, labelled with
     * the provider and model name it reports (build it with {@code maxRetries(0)}).
     */
    public Builder judge(ChatModel model) {
      return judge(SuppliedTeacher.of(model));
    }

    /** As {@link #judge(ChatModel)}, with a label the caller chose. */
    public Builder judge(SuppliedTeacher teacher) {
      this.judge = teacher;
      return this;
    }

    public FilterSettings build() {
      return new FilterSettings(chain, in, out, batchSize, judge);
    }
  }
}
