package org.distill4j.filtering.judge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.langchain4j.model.input.PromptTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.filtering.rules.Generated;
import org.distill4j.teacher.SamplingSpec;
import org.distill4j.teacher.ChatTurn;

/**
 * A judge's rubric as stored in {@code prompts/critics/*.yaml}: system and user templates with
 * {@code {{kind}}, {{input}}, {{output}}, {{text}}, {{relation}}}, the score scale and the
 * sampling parameters of the judge's requests.
 *
 * @param id rubric id
 * @param version rubric version; part of the prompt, so a new version is a new cache entry
 * @param scale the score range
 * @param sampling temperature, {@code max_tokens} and so on, snake_case as in recipes
 * @param system the system message, or null
 * @param user the user message template
 */
public record JudgeRubric(String id, String version, Scale scale, SamplingSpec sampling,
    String system, String user) {

  /** The lowest and highest score. */
  public record Scale(double min, double max) {}

  public JudgeRubric {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("a rubric needs a \"user\" template");
    }
    scale = scale == null ? new Scale(1, 5) : scale;
    sampling = sampling == null
        ? SamplingSpec.unset() : sampling;
    // Checks the values now, so a bad rubric fails when it is read, not at the first request.
    sampling.toSampling();
  }

  /** The sampling parameters of every judge request. */
  @JsonIgnore
  public Sampling samplingParameters() {
    return sampling.toSampling();
  }

  /** Reads a rubric file; problems name the file and line. */
  public static JudgeRubric read(Path file) {
    JudgeRubric rubric = YamlFile.read(file, JudgeRubric.class).value();
    if (rubric == null) {
      throw new InputException(new SourceLocation(file, 0), "the rubric file is empty");
    }
    return rubric;
  }

  /** The chat messages that ask the judge about {@code k}. */
  public List<ChatTurn> messages(Knowledge k) {
    String input = Generated.input(k);
    Map<String, Object> vars = Map.of("kind", k.kind().id(), "input",
        input.isEmpty() ? "(none)" : input, "output", Generated.output(k), "text", k.text(),
        "relation", k.relation());
    List<ChatTurn> turns = new ArrayList<>();
    if (system != null && !system.isBlank()) {
      turns.add(ChatTurn.system(PromptTemplate.from(system).apply(vars).text()));
    }
    turns.add(ChatTurn.user(PromptTemplate.from(user).apply(vars).text()));
    return turns;
  }
}
