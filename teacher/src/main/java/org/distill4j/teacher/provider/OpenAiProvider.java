package org.distill4j.teacher.provider;

import org.distill4j.core.io.SettingException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.logprob.TokenLogprobs;
import org.distill4j.teacher.Provider;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherRequest;

/** Any OpenAI-compatible chat-completions server: OpenAI, vLLM, llama.cpp, LM Studio. */
public final class OpenAiProvider implements Provider {
  @Override
  public String id() {
    return "openai";
  }

  @Override
  public ModelProvider modelProvider() {
    return ModelProvider.OPEN_AI;
  }

  @Override
  public String description() {
    return "any OpenAI-compatible server (OpenAI, vLLM, llama.cpp, LM Studio)";
  }

  @Override
  public String defaultBaseUrl() {
    return "https://api.openai.com/v1";
  }

  @Override
  public String defaultKeyEnv() {
    return "OPENAI_API_KEY";
  }

  @Override
  public String howToStart() {
    return "start an OpenAI-compatible server (e.g. `vllm serve MODEL` or `llama-server -m MODEL`)"
        + " and point " + SettingException.NAME + " at it, e.g. http://localhost:8000/v1";
  }

  @Override
  public ChatModel chatModel(ProviderSetup setup) {
    TeacherConfig config = setup.config();
    return OpenAiChatModel.builder()
        .httpClientBuilder(setup.http())
        .baseUrl(config.effectiveBaseUrl())
        // Local OpenAI-compatible servers accept any key; OpenAI itself rejects a missing one
        // with 401, which the runner reports without retrying.
        .apiKey(setup.optionalKey("not-needed"))
        .modelName(config.model())
        .timeout(config.timeout())
        .maxRetries(0)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(TeacherRequest request) {
    var builder = Provider.sampling(OpenAiChatRequestParameters.builder(), request, true)
        .seed(Provider.intSeed(request));
    Integer k = request.sampling().logprobs();
    if (k != null) {
      // LangChain4j 1.11 has no builder method for these; custom parameters go into the body.
      builder.customParameters(Map.of("logprobs", true, "top_logprobs", k));
    }
    return builder.build();
  }

  @Override
  public void checkSampling(Sampling sampling) {
    // Every OpenAI-compatible server we know takes top_logprobs up to 20, Sampling's own limit.
  }

  @Override
  public TokenLogprobs logprobs(ChatResponse response, int k) {
    if (!(response.metadata() instanceof OpenAiChatResponseMetadata meta)
        || meta.rawHttpResponse() == null) {
      throw new IllegalStateException("the OpenAI client kept no raw reply to read"
          + " log-probabilities from");
    }
    return OpenAiLogprobs.parse(meta.rawHttpResponse().body(), k);
  }
}
