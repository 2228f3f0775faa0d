package org.distill4j.neural.decoder.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.neural.decoder.chat.ChatMessage.assistant;
import static org.distill4j.neural.decoder.chat.ChatMessage.system;
import static org.distill4j.neural.decoder.chat.ChatMessage.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected strings were checked against Jinja2 3.1 set up as transformers sets it up. */
class ChatTemplateTest {
  @TempDir Path dir;

  private static final List<ChatMessage> LONG = List.of(
      system(" Be brief. "), user(" Hi "), assistant("Hello!"), user("Why?"));

  @Test
  void rendersChatMlWithTheDefaultSystemTurnAndGenerationPrompt() {
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, ModelFolders.CHATML,
        null, "<|im_end|>"));

    assertThat(t.origin()).isEqualTo(ChatTemplate.Origin.TOKENIZER_CONFIG);
    assertThat(t.render(List.of(user("Hi"), assistant("Hello")), false)).isEqualTo(
        "<|im_start|>system\nYou are a careful helper.<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n");
    assertThat(t.render(List.of(user("Hi")), true)).isEqualTo(
        "<|im_start|>system\nYou are a careful helper.<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void rendersLlama3HeadersWithTrimmedContentAndBos() {
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, ModelFolders.LLAMA3,
        "<|begin_of_text|>", "<|eot_id|>"));

    assertThat(t.render(LONG, true)).isEqualTo("<|begin_of_text|>"
        + "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void rendersMistralInstWithTheSystemTextInTheFirstTurn() {
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, ModelFolders.MISTRAL,
        "<s>", "</s>"));

    assertThat(t.render(LONG, true))
        .isEqualTo("<s>[INST] Be brief.\n\nHi [/INST] Hello!</s>[INST] Why? [/INST]");
    assertThat(t.render(List.of(user("Hi"), assistant("Hello")), false))
        .isEqualTo("<s>[INST] Hi [/INST] Hello</s>");
  }

  @Test
  void raiseExceptionBecomesAnErrorNamingTheFile() {
    Path folder = ModelFolders.withTemplate(dir, ModelFolders.MISTRAL, "<s>", "</s>");
    ChatTemplate t = ChatTemplate.load(folder);

    assertThatThrownBy(() -> t.render(List.of(user("a"), user("b")), false))
        .isInstanceOfSatisfying(ChatTemplateException.class,
            e -> assertThat(e.raisedByTemplate()).isTrue())
        .hasMessageContaining(folder.resolve("tokenizer_config.json").toString())
        .hasMessageContaining("turns must go user, assistant, user, assistant, ...");
  }

  @Test
  void blocksWithoutDashesAreTrimmedAsJinja2DoesWithTrimAndLstripBlocks() {
    String template = "{% for m in messages %}\n"
        + "    {% if m.role == 'user' %}\n"
        + "Q: {{ m.content }}\n"
        + "    {% else %}\n"
        + "A: {{ m.content }}\n"
        + "    {% endif %}\n"
        + "{% endfor %}\n";
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, template, null, null));

    assertThat(t.render(List.of(user("x"), assistant("y")), false)).isEqualTo("Q: x\nA: y\n");
  }

  @Test
  void supportsThePythonIdiomsRealTemplatesUse() {
    String template = "{% set ns = namespace(n=0) %}"
        + "{% for m in messages %}{% set ns.n = ns.n + 1 %}"
        + "{{ m['content'].split('</think>')[-1].lstrip() | upper }}"
        + "{% if m.content.startswith('<think>') %}(thought){% endif %}"
        + "{% if not loop.last %},{% endif %}{% endfor %}"
        + "|{{ ns.n }}|{{ messages[0] | tojson }}"
        + "|{% if tools is defined %}tools{% else %}no tools{% endif %}"
        + "|{% if messages[0]['content'].endswith('b') %}ends in b{% endif %}";
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, template, null, null));

    assertThat(t.render(List.of(user("a b"), assistant("<think>hmm</think>  ok")), false))
        .isEqualTo("A B,OK(thought)|2|{\"role\": \"user\", \"content\": \"a b\"}|no tools|ends in b");
  }

  @Test
  void usesTheDefaultEntryOfANamedTemplateListAndTokenObjects() {
    Path folder = ModelFolders.withConfig(dir, """
        {"chat_template": [
           {"name": "tool_use", "template": "tools"},
           {"name": "default", "template": "{{ bos_token }}{{ messages[0].content }}{{ eos_token }}"}],
         "bos_token": {"content": "<s>", "special": true},
         "eos_token": "</s>",
         "pad_token": null}
        """);
    ChatTemplate t = ChatTemplate.load(folder);

    assertThat(t.render(List.of(user("x")), false)).isEqualTo("<s>x</s>");
    assertThat(t.bosToken()).contains("<s>");
    assertThat(t.padToken()).isEmpty();
  }

  @Test
  void aStandAloneTemplateFileWinsAndDropsOneFinalNewline() throws Exception {
    Path folder = ModelFolders.withTemplate(dir, "from config", null, null);
    Files.writeString(folder.resolve(ChatTemplate.TEMPLATE_FILE),
        "{% for m in messages %}{{ m.content }}{% endfor %}\n");
    ChatTemplate t = ChatTemplate.load(folder);

    assertThat(t.origin()).isEqualTo(ChatTemplate.Origin.TEMPLATE_FILE);
    assertThat(t.render(List.of(user("x")), false)).isEqualTo("x");
  }

  @Test
  void aFolderWithoutTemplateFallsBackToThePlainFormatAndSaysSo() {
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, null, "<s>", "</s>"));

    assertThat(t.isFallback()).isTrue();
    assertThat(t.origin()).isEqualTo(ChatTemplate.Origin.PLAIN_FALLBACK);
    assertThat(t.render(List.of(user("Hi"), assistant("Hello")), true))
        .isEqualTo("<s>user: Hi\n\nassistant: Hello</s>\n\nassistant: ");
  }

  @Test
  void aBrokenTemplateNamesTheFileAndTheTemplateLine() {
    Path folder = ModelFolders.withTemplate(dir, "line one\n{{ no_such_function(1) }}", null,
        null);
    ChatTemplate t = ChatTemplate.load(folder);

    assertThatThrownBy(() -> t.render(List.of(user("x")), false))
        .isInstanceOfSatisfying(ChatTemplateException.class,
            e -> assertThat(e.raisedByTemplate()).isFalse())
        .hasMessageContaining("tokenizer_config.json: field \"chat_template\", template line 2")
        .hasMessageContaining("no_such_function");
  }

  @Test
  void indentedTojsonAndGenerationBlocksRenderAsInTransformers() {
    String template = "{{ messages[0] | tojson(indent=2) }}|{{ [] | tojson(indent=2) }}|"
        + "{% generation %}{{ messages[0].content }}{% endgeneration %}";
    ChatTemplate t = ChatTemplate.load(ModelFolders.withTemplate(dir, template, null, null));

    assertThat(t.render(List.of(user("x")), false))
        .isEqualTo("{\n  \"role\": \"user\",\n  \"content\": \"x\"\n}|[]|x");
  }

  @Test
  void badConfigFieldsAreNamed() {
    assertThatThrownBy(() -> ChatTemplate.load(ModelFolders.withConfig(dir,
        "{\"chat_template\": [{\"name\": \"rag\", \"template\": \"x\"}]}")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("tokenizer_config.json: field \"chat_template\"")
        .hasMessageContaining("no template named \"default\"; it has [rag]");
    assertThatThrownBy(() -> ChatTemplate.load(ModelFolders.withConfig(dir,
        "{\"eos_token\": 7}")))
        .hasMessageContaining("field \"eos_token\": expected a string or an object");
    assertThatThrownBy(() -> ChatTemplate.load(ModelFolders.withConfig(dir, "{\n\"a\": }")))
        .hasMessageContaining("tokenizer_config.json:2: not valid JSON");
    assertThatThrownBy(() -> ChatTemplate.load(dir.resolve("missing")))
        .hasMessageContaining("missing: not a model folder");
  }
}
