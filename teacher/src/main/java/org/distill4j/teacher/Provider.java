package org.distill4j.teacher;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.logprob.TokenLogprobs;

/**
 * One kind of teacher server. A new provider is one class implementing this and one line naming
 * it in {@code META-INF/services/org.distill4j.teacher.Provider}; {@link Providers} finds it, and
 * the lists in {@code --help} and in error messages come from there.
 */
public interface Provider {

  /** The name users write: {@code provider: ID} in YAML, {@code --teacher ID} on the command line. */
  String id();

  /**
   * What the LangChain4j models this provider builds report as {@link ChatModel#provider()}: a
   * model a user built elsewhere ({@link SuppliedTeacher}) of that kind gets this provider's
   * request parameters (its seed, its log-probabilities). {@link ModelProvider#OTHER} when none.
   */
  default ModelProvider modelProvider() {
    return ModelProvider.OTHER;
  }

  /** What {@code --help} says of it, in a few words. */
  String description();

  /** The server URL when the config names none. */
  String defaultBaseUrl();

  /** The environment variable read for the API key when the config names none; null if none. */
  String defaultKeyEnv();

  /**
   * What to tell a user whose teacher cannot be reached, with {@code SettingException.NAME}
   * where the base URL setting goes: the CLI spells it as a flag, a pipeline as a YAML key. By
   * default a hosted API's advice.
   */
  default String howToStart() {
    return "check the network and " + SettingException.NAME;
  }

  /**
   * The LangChain4j model for a config. It must use {@code setup.http()} (so {@code Retry-After}
   * and the deadline hold), {@code maxRetries(0)} (the runner is the one layer that retries) and
   * take its key from {@code setup}, which names the variable when it is missing.
   */
  ChatModel chatModel(ProviderSetup setup);

  /** A request's sampling (and reply schema, where the server enforces one) as its parameters. */
  ChatRequestParameters parameters(TeacherRequest request);

  /** The setting that asks for log-probabilities, as a recipe's sampling names it. */
  String LOGPROBS = "logprobs";

  /**
   * Refuses sampling this provider cannot honour, before anything is sent. By default a server
   * that returns no log-probabilities refuses {@code logprobs}: dropping them silently would
   * leave a run without the data it was started for.
   *
   * @throws SettingException naming the setting and what would work
   */
  default void checkSampling(Sampling sampling) {
    if (sampling.wantsLogprobs()) {
      throw new SettingException(LOGPROBS, "teacher \"" + id() + "\" cannot return token"
          + " log-probabilities; remove " + SettingException.NAME + " (or set it to 0), or use"
          + " an OpenAI-compatible server (provider openai: vLLM, llama.cpp, OpenAI)");
    }
  }

  /**
   * The top-{@code k} log-probabilities in a reply to a request that asked for them. Only
   * providers that pass {@link #checkSampling} with {@code logprobs} set are asked.
   *
   * @throws IllegalStateException when the reply holds none or holds them in a shape not known
   */
  default TokenLogprobs logprobs(ChatResponse response, int k) {
    throw new IllegalStateException("teacher \"" + id() + "\" returns no log-probabilities");
  }

  /**
   * Puts a request's sampling (temperature, top-p, max tokens) on a provider's parameter builder,
   * and its reply schema when {@code withSchema} (for servers that enforce one); the provider adds
   * what only it has, such as the seed.
   */
  static <B extends DefaultChatRequestParameters.Builder<?>> B sampling(B builder,
      TeacherRequest request, boolean withSchema) {
    var s = request.sampling();
    builder.temperature(s.temperature()).topP(s.topP()).maxOutputTokens(s.maxTokens());
    if (withSchema && request.replySchema() != null) {
      builder.responseFormat(request.replySchema().responseFormat());
    }
    return builder;
  }

  /** The request's seed as the 31-bit integer the chat APIs take; null when none. */
  static Integer intSeed(TeacherRequest request) {
    Long seed = request.effectiveSeed();
    return seed == null ? null : (int) (seed & 0x7fffffffL);
  }
}
