package org.distill4j.teacher;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.distill4j.core.logprob.TokenLogprobs;

/**
 * A {@link Teacher} backed by a LangChain4j {@link ChatModel}. Build one with {@link
 * ChatModelFactory} from a config, or with {@link SuppliedTeacher} from a model the caller built;
 * the model must be configured with {@code maxRetries(0)} because the runner
 * is the only layer that retries.
 */
public final class ChatModelTeacher implements Teacher {
  private final ChatModel model;
  private final Function<TeacherRequest, ChatRequestParameters> parameters;
  private final SecretRedactor redactor;
  private final LogprobsReader logprobs;

  /** Reads the top-k log-probabilities out of a provider's response. */
  @FunctionalInterface
  public interface LogprobsReader {
    /** The log-probabilities of {@code response}, asked for with top-{@code k}. */
    TokenLogprobs read(ChatResponse response, int k);
  }

  /**
   * @param model the LangChain4j model
   * @param parameters turns a request's sampling into the provider's request parameters (some
   *     providers take a seed only through their own parameter class)
   */
  public ChatModelTeacher(
      ChatModel model, Function<TeacherRequest, ChatRequestParameters> parameters) {
    this(model, parameters, SecretRedactor.patternsOnly());
  }

  /** As above, with a redactor that knows the key the model sends. */
  public ChatModelTeacher(ChatModel model,
      Function<TeacherRequest, ChatRequestParameters> parameters, SecretRedactor redactor) {
    this(model, parameters, redactor, (response, k) -> {
      throw new IllegalStateException("this teacher reads no log-probabilities");
    });
  }

  /** As above, reading log-probabilities with {@code logprobs} when a request asks for them. */
  public ChatModelTeacher(ChatModel model,
      Function<TeacherRequest, ChatRequestParameters> parameters, SecretRedactor redactor,
      LogprobsReader logprobs) {
    this.model = model;
    this.parameters = parameters;
    this.redactor = redactor;
    this.logprobs = logprobs;
  }

  @Override
  public SecretRedactor redactor() {
    return redactor;
  }

  @Override
  public TeacherReply ask(TeacherRequest request) {
    ChatRequest chat =
        ChatRequest.builder()
            .messages(toMessages(request.messages()))
            .parameters(parameters.apply(request))
            .build();
    ChatResponse response = model.chat(chat);
    AiMessage ai = response.aiMessage();
    TokenUsage usage = response.tokenUsage();
    Integer k = request.sampling().logprobs();
    return new TeacherReply(
        ai == null ? null : ai.text(),
        finish(response.finishReason()),
        usage == null ? null : usage.inputTokenCount(),
        usage == null ? null : usage.outputTokenCount(),
        response.modelName(),
        k == null ? null : logprobs.read(response, k));
  }

  static List<ChatMessage> toMessages(List<ChatTurn> turns) {
    List<ChatMessage> out = new ArrayList<>(turns.size());
    for (ChatTurn t : turns) {
      out.add(switch (t.role()) {
        case SYSTEM -> SystemMessage.from(t.text());
        case USER -> UserMessage.from(t.text());
        case ASSISTANT -> AiMessage.from(t.text());
      });
    }
    return out;
  }

  static TeacherReply.Finish finish(FinishReason reason) {
    if (reason == null) {
      return TeacherReply.Finish.UNKNOWN;
    }
    return switch (reason) {
      case STOP -> TeacherReply.Finish.STOP;
      case LENGTH -> TeacherReply.Finish.LENGTH;
      case CONTENT_FILTER -> TeacherReply.Finish.CONTENT_FILTER;
      default -> TeacherReply.Finish.OTHER;
    };
  }
}
