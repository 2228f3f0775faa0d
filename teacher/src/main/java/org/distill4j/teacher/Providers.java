package org.distill4j.teacher;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.distill4j.core.io.InputException;

/**
 * The registered {@link Provider}s, in registration order: those named in every
 * {@code META-INF/services/org.distill4j.teacher.Provider} on the class path. It is also the list
 * of their ids, so a picocli option can take it as its completion candidates and print it in
 * {@code --help}.
 */
public final class Providers implements Iterable<String> {
  private static final List<Provider> ALL = load();

  private static List<Provider> load() {
    List<Provider> found = new ArrayList<>();
    for (Provider p : ServiceLoader.load(Provider.class, Provider.class.getClassLoader())) {
      if (found.stream().anyMatch(q -> q.id().equals(p.id()))) {
        throw new IllegalStateException("two teacher providers registered as \"" + p.id() + "\"");
      }
      found.add(p);
    }
    return Collections.unmodifiableList(found);
  }

  /** Every registered provider. */
  public static List<Provider> all() {
    return ALL;
  }

  /** Their ids, comma-separated, for messages. */
  public static String ids() {
    return ALL.stream().map(Provider::id).collect(Collectors.joining(", "));
  }

  /** The provider with this id (case and surrounding space ignored), or an error listing all. */
  public static Provider byId(String id) {
    String wanted = id == null ? null : id.strip().toLowerCase(Locale.ROOT);
    for (Provider p : ALL) {
      if (p.id().equals(wanted)) {
        return p;
      }
    }
    throw new InputException("unknown teacher \"" + id + "\"; expected one of " + ids());
  }

  /**
   * The provider whose clients are of {@code model}'s kind ({@link Provider#modelProvider()}),
   * if one is registered.
   */
  public static Optional<Provider> forModel(ChatModel model) {
    ModelProvider kind = model.provider();
    if (kind == null || kind == ModelProvider.OTHER) {
      return Optional.empty();
    }
    return ALL.stream().filter(p -> p.modelProvider() == kind).findFirst();
  }

  /** The ids, for picocli's {@code completionCandidates}. */
  @Override
  public Iterator<String> iterator() {
    return ALL.stream().map(Provider::id).iterator();
  }
}
