package org.distill4j.filtering.chain;

import java.nio.file.Path;

/**
 * What a filter run is told, whatever the front end: the settings below by their own names, which
 * a {@link org.distill4j.core.io.SettingException} carries and each front end spells its way
 * ({@code --filters} on the command line, {@code filter.chain} in a pipeline file).
 *
 * @param chain the chain file ({@value #CHAIN}); relative paths inside start at its folder
 * @param in the corpus to filter ({@value #IN}), JSON Lines of records
 * @param out the output folder ({@value #OUT}); its files are replaced only when a run completes
 * @param batchSize records per batch ({@value #BATCH_SIZE}); null for the chain file's
 *     {@code batch_size}, itself 256 by default
 */
public record FilterSettings(Path chain, Path in, Path out, Integer batchSize) {
  /** The chain file's setting name. */
  public static final String CHAIN = "chain";
  /** The input corpus's setting name. */
  public static final String IN = "in";
  /** The output folder's setting name. */
  public static final String OUT = "out";
  /** The batch size's setting name. */
  public static final String BATCH_SIZE = "batch_size";

  /** Settings with the chain file's batch size. */
  public static FilterSettings of(Path chain, Path in, Path out) {
    return new FilterSettings(chain, in, out, null);
  }
}
