package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;

class ProvidersTest {

  @Test
  void theShippedProvidersKeepTheirRegistrationOrderAndATestRegisteredOneJoinsThem() {
    // Class-path order decides where this module's test registration lands; the shipped file's
    // own order holds.
    assertThat(Providers.all()).extracting(Provider::id)
        .containsExactlyInAnyOrder("openai", "ollama", "anthropic", "gemini", "reversing");
    assertThat(Providers.ids().replace("reversing, ", "").replace(", reversing", ""))
        .isEqualTo("openai, ollama, anthropic, gemini");
    assertThat(new Providers()).containsExactlyElementsOf(
        Providers.all().stream().map(Provider::id).toList());
  }

  @Test
  void aModelEachShippedProviderBuildsIsLabelledWithThatProviderWhenACallerSuppliesIt() {
    ChatModelFactory factory = new ChatModelFactory(env -> "key-for-" + env);
    for (String id : List.of("openai", "ollama", "anthropic", "gemini")) {
      var model = factory.chatModel(new TeacherConfig(id, "m-" + id, "http://127.0.0.1:9", null,
          null));
      assertThat(Providers.forModel(model)).map(Provider::id).contains(id);
      assertThat(SuppliedTeacher.of(model).id()).isEqualTo(new TeacherId(id, "m-" + id));
    }
  }

  @Test
  void aProviderRegisteredInOneFileIsFoundByIdAndAnswersThroughTheFactory() {
    TeacherConfig config = new TeacherConfig(" Reversing ", "tiny", null, null, null);
    assertThat(config.effectiveBaseUrl()).isEqualTo("http://127.0.0.1:9");
    assertThat(config.id()).isEqualTo(new TeacherId("reversing", "tiny"));
    Teacher teacher = new ChatModelFactory(Map.of("REVERSING_KEY", "k-123")::get).teacher(config);
    TeacherReply reply = teacher.ask(new TeacherRequest(
        List.of(ChatTurn.user("abc")), new Sampling(1, 0.5, null, null, null), 0, 0));
    assertThat(reply.text()).isEqualTo("cba");
    assertThat(reply.finish()).isEqualTo(TeacherReply.Finish.STOP);
    assertThat(reply.model()).isEqualTo("tiny@0.5");
  }

  @Test
  void errorsListEveryRegisteredProviderAndNameTheMissingKey() {
    assertThatThrownBy(() -> new TeacherConfig("vllm", "m", null, null, null).providerKind())
        .isInstanceOf(InputException.class)
        .hasMessage("unknown teacher \"vllm\"; expected one of " + Providers.ids());
    assertThatThrownBy(() -> new TeacherConfig(null, "m", null, null, null).providerKind())
        .hasMessage("no teacher given; set provider (" + Providers.ids() + ")");
    assertThatThrownBy(() -> new ChatModelFactory(env -> null)
        .teacher(new TeacherConfig("reversing", "m", null, null, null)))
        .isInstanceOf(InputException.class).hasMessageContaining("REVERSING_KEY");
  }
}
