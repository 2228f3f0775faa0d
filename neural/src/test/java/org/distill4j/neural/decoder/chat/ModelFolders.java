package org.distill4j.neural.decoder.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chat templates written for these tests in the shapes of three families (ChatML as Qwen uses
 * it, Llama-3 headers, Mistral's {@code [INST]}), and folders holding them.
 */
final class ModelFolders {
  /** ChatML: a default system turn when none is given; turns end with {@code <|im_end|>}. */
  static final String CHATML = """
      {%- if messages[0]['role'] != 'system' %}
          {{- '<|im_start|>system\\nYou are a careful helper.<|im_end|>\\n' }}
      {%- endif %}
      {%- for message in messages %}
          {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}
      {%- endfor %}
      {%- if add_generation_prompt %}
          {{- '<|im_start|>assistant\\n' }}
      {%- endif %}
      """;

  /** Llama-3 headers: BOS first, an optional system turn, contents trimmed, {@code <|eot_id|>}. */
  static final String LLAMA3 = """
      {{- bos_token }}
      {%- set ns = namespace(system='') %}
      {%- if messages[0]['role'] == 'system' %}
          {%- set ns.system = messages[0]['content'] | trim %}
          {%- set turns = messages[1:] %}
      {%- else %}
          {%- set turns = messages %}
      {%- endif %}
      {%- if ns.system %}
          {{- '<|start_header_id|>system<|end_header_id|>\\n\\n' + ns.system + '<|eot_id|>' }}
      {%- endif %}
      {%- for message in turns %}
          {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}
      {%- endfor %}
      {%- if add_generation_prompt %}
          {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
      {%- endif %}
      """;

  /** Mistral's {@code [INST]}: user and assistant must alternate, a system text joins turn one. */
  static final String MISTRAL = """
      {%- if messages[0]['role'] == 'system' %}
          {%- set preamble = messages[0]['content'].strip() + '\\n\\n' %}
          {%- set turns = messages[1:] %}
      {%- else %}
          {%- set preamble = '' %}
          {%- set turns = messages %}
      {%- endif %}
      {{- bos_token }}
      {%- for message in turns %}
          {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
              {{- raise_exception('turns must go user, assistant, user, assistant, ...') }}
          {%- endif %}
          {%- if message['role'] == 'user' %}
              {%- set text = preamble + message['content'].strip() if loop.first else message['content'].strip() %}
              {{- '[INST] ' + text + ' [/INST]' }}
          {%- else %}
              {{- ' ' + message['content'].strip() + eos_token }}
          {%- endif %}
      {%- endfor %}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFolders() {}

  /** A folder whose {@code tokenizer_config.json} holds {@code template} and the given tokens. */
  static Path withTemplate(Path folder, String template, String bos, String eos) {
    ObjectNode config = JSON.createObjectNode();
    if (template != null) {
      config.put("chat_template", template);
    }
    if (bos != null) {
      config.put("bos_token", bos);
    }
    if (eos != null) {
      config.put("eos_token", eos);
    }
    return withConfig(folder, config.toString());
  }

  /** A folder whose {@code tokenizer_config.json} is {@code json}. */
  static Path withConfig(Path folder, String json) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("tokenizer_config.json"), json);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
