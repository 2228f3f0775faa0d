package org.distill4j.teacher;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.distill4j.core.corpus.Sampling;

/**
 * A LangChain4j {@link ChatModel} the caller built, as a teacher, with the label its replies are
 * cached and credited under: the {@link TeacherId} goes into every reply-cache key and every
 * record's provenance, exactly as a {@link TeacherConfig}'s provider and model do.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *     .baseUrl("http://localhost:8000/v1").apiKey(key).modelName("Qwen2.5-7B-Instruct")
 *     .maxRetries(0)            // distill4j's batch runner is the one layer that retries
 *     .build();
 * SuppliedTeacher teacher = SuppliedTeacher.of(model);   // label: openai / Qwen2.5-7B-Instruct
 * }</pre>
 *
 * <p>Requests carry the sampling of the recipe or rubric. When the model is of a kind a
 * registered {@link Provider} builds ({@link Provider#modelProvider()}: OpenAI-compatible,
 * Ollama, Anthropic, Gemini), that provider turns the sampling into request parameters, so the
 * seed and log-probabilities work as with a configured teacher; any other model gets the common
 * parameters (temperature, top-p, max tokens) and cannot return log-probabilities.
 *
 * <p>Build the model with {@code maxRetries(0)}: LangChain4j clients retry twice by default, and
 * every retry of theirs would be invisible to the runner's accounting and rate limits.
 *
 * @param model the caller's model, used as it is (its base URL, key and timeouts)
 * @param id the label: provider and model name
 */
public record SuppliedTeacher(ChatModel model, TeacherId id) {
  public SuppliedTeacher {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The model, labelled with the provider and model name it reports: the provider from
   * {@link ChatModel#provider()} (a registered provider's id, such as {@code openai}, where one
   * builds models of that kind), the model name from its default request parameters.
   *
   * @throws IllegalArgumentException when the model reports no provider or no model name; label
   *     it with {@link #of(ChatModel, String, String)}
   */
  public static SuppliedTeacher of(ChatModel model) {
    Objects.requireNonNull(model, "model");
    String provider = providerLabel(model).orElseThrow(() -> unlabelled(model, "provider"));
    ChatRequestParameters defaults = model.defaultRequestParameters();
    String name = defaults == null ? null : defaults.modelName();
    if (name == null || name.isBlank()) {
      throw unlabelled(model, "model name");
    }
    return new SuppliedTeacher(model, new TeacherId(provider, name));
  }

  /**
   * The model under a label the caller chooses, e.g. {@code ("vllm", "Qwen2.5-7B-Instruct")}.
   * Use the same label on every run that should share cached replies.
   */
  public static SuppliedTeacher of(ChatModel model, String provider, String modelName) {
    return new SuppliedTeacher(model, new TeacherId(provider, modelName));
  }

  /** The teacher that sends requests through {@link #model}. */
  public Teacher teacher() {
    Provider kind = kind();
    return new ChatModelTeacher(model, kind::parameters, SecretRedactor.patternsOnly(),
        kind::logprobs);
  }

  /**
   * Refuses sampling this model cannot honour, before anything is sent: log-probabilities from
   * a model of no registered kind, or whatever the registered provider of its kind refuses.
   *
   * @throws org.distill4j.core.io.SettingException naming the setting
   */
  public void checkSampling(Sampling sampling) {
    kind().checkSampling(sampling);
  }

  /**
   * The teacher config written into manifests for this teacher: provider and model only (the
   * base URL and key live in the caller's model and are never written).
   */
  public TeacherConfig config() {
    return new TeacherConfig(id.provider(), id.model(), null, null, null);
  }

  /** The registered provider of the model's kind, or the common parameters and checks. */
  private Provider kind() {
    return Providers.forModel(model).orElseGet(() -> new GenericKind(id.provider()));
  }

  private static Optional<String> providerLabel(ChatModel model) {
    Optional<Provider> registered = Providers.forModel(model);
    if (registered.isPresent()) {
      return Optional.of(registered.get().id());
    }
    ModelProvider kind = model.provider();
    if (kind == null || kind == ModelProvider.OTHER) {
      return Optional.empty();
    }
    return Optional.of(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  private static IllegalArgumentException unlabelled(ChatModel model, String what) {
    return new IllegalArgumentException("the ChatModel " + model.getClass().getSimpleName()
        + " reports no " + what + "; label it: SuppliedTeacher.of(model, \"PROVIDER\","
        + " \"MODEL\") (the label keys the reply cache and every record's provenance)");
  }

  /** The default checks of a provider, for a model of no registered kind. */
  private record GenericKind(String id) implements Provider {
    @Override
    public String description() {
      return "a ChatModel built by the caller";
    }

    @Override
    public String defaultBaseUrl() {
      return null;
    }

    @Override
    public String defaultKeyEnv() {
      return null;
    }

    @Override
    public ChatModel chatModel(ProviderSetup setup) {
      throw new UnsupportedOperationException("the caller built this model");
    }

    @Override
    public ChatRequestParameters parameters(TeacherRequest request) {
      return Provider.sampling(DefaultChatRequestParameters.builder(), request, false).build();
    }
  }
}
