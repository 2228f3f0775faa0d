package org.distill4j.teacher.provider;

import org.distill4j.core.io.SettingException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import org.distill4j.teacher.Provider;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherRequest;

/** A local Ollama server. */
public final class OllamaProvider implements Provider {
  @Override
  public String id() {
    return "ollama";
  }

  @Override
  public ModelProvider modelProvider() {
    return ModelProvider.OLLAMA;
  }

  @Override
  public String description() {
    return "a local Ollama server";
  }

  @Override
  public String defaultBaseUrl() {
    return "http://localhost:11434";
  }

  @Override
  public String defaultKeyEnv() {
    return null;
  }

  @Override
  public String howToStart() {
    return "start it with `ollama serve` (and `ollama pull MODEL`), or point "
        + SettingException.NAME + " at a"
        + " running Ollama";
  }

  @Override
  public ChatModel chatModel(ProviderSetup setup) {
    TeacherConfig config = setup.config();
    return OllamaChatModel.builder()
        .httpClientBuilder(setup.http())
        .baseUrl(config.effectiveBaseUrl())
        .modelName(config.model())
        .timeout(config.timeout())
        .maxRetries(0)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(TeacherRequest request) {
    return Provider.sampling(OllamaChatRequestParameters.builder(), request, true)
        .seed(Provider.intSeed(request)).build();
  }
}
