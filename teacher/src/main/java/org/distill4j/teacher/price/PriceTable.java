package org.distill4j.teacher.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.KeyLines;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.io.YamlFile;

/**
 * Token prices per model: the table shipped in this jar ({@code prices.yaml} beside this class,
 * list prices on the date it names; providers change them), extended and overridden by a user's
 * file in the same format ({@link PriceFile}).
 *
 * <p>Lookup, by provider id and model name (case ignored):
 * <ol>
 *   <li>the exact name (or an alias an entry lists);
 *   <li>else the <em>snapshot rule</em>: one dated or versioned suffix is dropped and the rest is
 *       looked up exactly ({@link #snapshotBase}): {@code gpt-4o-2024-08-06} → {@code gpt-4o},
 *       {@code claude-3-5-haiku-20241022} → {@code claude-3-5-haiku}, {@code gpt-4-0613} →
 *       {@code gpt-4}, {@code gemini-2.0-flash-001} → {@code gemini-2.0-flash},
 *       {@code claude-3-7-sonnet-latest} → {@code claude-3-7-sonnet}. No looser prefix match:
 *       {@code gpt-4o-mini} is never priced as {@code gpt-4o}.
 * </ol>
 * A user entry replaces the shipped entry of the same provider and model. A model found by
 * neither rule has no price: {@link #find} is empty, and callers show "unknown", never 0. Local
 * servers (vLLM, llama.cpp, Ollama) are unknown unless the user declares them, e.g. free with
 * {@code input: 0, output: 0}.
 */
public final class PriceTable {
  /** The shipped table, a resource beside this class. */
  public static final String SHIPPED = "prices.yaml";
  private static final Pattern SNAPSHOT =
      Pattern.compile("^(.+?)(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-\\d{4}|-\\d{3}|-latest|:latest)$");
  private static volatile PriceTable shipped;

  /** An entry with where it came from. */
  private record Listed(ModelPrice price, String source) {}

  private final Map<String, Listed> entries;
  private final String taken;

  private PriceTable(Map<String, Listed> entries, String taken) {
    this.entries = entries;
    this.taken = taken;
  }

  /** The table shipped in the jar. */
  public static PriceTable shipped() {
    PriceTable t = shipped;
    if (t == null) {
      t = readShipped();
      shipped = t;
    }
    return t;
  }

  /** The shipped table overridden by {@code userFile}; the shipped table alone when null. */
  public static PriceTable withUserFile(Path userFile) {
    return userFile == null ? shipped() : shipped().overriddenBy(userFile);
  }

  /** This table with the entries of {@code file} added, replacing those of the same model. */
  public PriceTable overriddenBy(Path file) {
    YamlFile<PriceFile> read = YamlFile.read(file, PriceFile.class);
    if (read.value() == null) {
      throw new InputException(new SourceLocation(file, 0), "the price file is empty; it needs"
          + " \"models:\" with at least one entry");
    }
    Map<String, Listed> merged = new LinkedHashMap<>(entries);
    for (ModelPrice p : read.value().prices(read)) {
      merged.put(key(p.provider(), p.model()), new Listed(p, file.toString()));
    }
    return new PriceTable(merged, taken);
  }

  /** When the shipped prices were taken, as the shipped file says. */
  public String taken() {
    return taken;
  }

  /** The price of {@code provider}'s {@code model}; empty when neither rule finds one. */
  public Optional<PriceMatch> find(String provider, String model) {
    if (provider == null || model == null) {
      return Optional.empty();
    }
    Listed exact = entries.get(key(provider, model));
    if (exact != null) {
      return Optional.of(new PriceMatch(exact.price(), model, false, exact.source()));
    }
    return snapshotBase(model)
        .map(base -> entries.get(key(provider, base)))
        .map(l -> new PriceMatch(l.price(), model, true, l.source()));
  }

  /**
   * The model name without one trailing snapshot suffix ({@code -YYYY-MM-DD}, {@code -YYYYMMDD},
   * {@code -MMDD}, {@code -NNN}, {@code -latest} or {@code :latest}); empty when it has none.
   */
  public static Optional<String> snapshotBase(String model) {
    Matcher m = SNAPSHOT.matcher(model);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Every price in the table, user entries in place of the shipped ones they replace. */
  public List<ModelPrice> prices() {
    return entries.values().stream().map(Listed::price).toList();
  }

  private static String key(String provider, String model) {
    return provider.toLowerCase(Locale.ROOT) + "/" + model.toLowerCase(Locale.ROOT);
  }

  private static PriceTable readShipped() {
    try (InputStream in = PriceTable.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " is missing from the teacher jar");
      }
      PriceFile file = CorpusJson.yaml().readValue(in, PriceFile.class);
      String source = "the shipped price table (list prices of " + file.taken()
          + "; providers change them: override with your own file)";
      Map<String, Listed> map = new LinkedHashMap<>();
      KeyLines at = KeyLines.fileOnly(Path.of(SHIPPED));
      for (ModelPrice p : file.prices(at)) {
        map.put(key(p.provider(), p.model()), new Listed(p, source));
      }
      return new PriceTable(map, file.taken());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped " + SHIPPED + ": "
          + e.getMessage(), e);
    }
  }
}
