package org.distill4j.training.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.logprob.TeacherToken;
import org.distill4j.core.logprob.TokenLogprobs;

/**
 * Maps a served teacher's tokens to a student's vocabulary ids, for students whose tokenizer is
 * the teacher's. Ids are the file's own ({@code model.vocab} and {@code added_tokens}), not
 * shifted as {@link HuggingFaceTextTokenizer} shifts them.
 *
 * <p>A token is looked up, first match wins, as: its own bytes (OpenAI's {@code bytes} for a
 * token that splits a character) in the GPT-2 byte-to-unicode spelling; its text as sent (vLLM
 * sends the vocabulary's spelling, e.g. {@code Ġthe}); its text's UTF-8 in the byte-level
 * spelling (OpenAI sends decoded text, e.g. {@code " the"}). The vocabulary is read from the
 * {@code tokenizer.json} that DJL loads, because DJL's binding offers no vocabulary lookup; the
 * file is first loaded through DJL so that a file it cannot use is refused here.
 */
public final class TokenAlignment {
  /** The share of teacher tokens that may fail to map before the student is refused. */
  public static final double MAX_UNMAPPED = 0.001;

  private final Path file;
  private final Map<String, Integer> vocabulary;

  private TokenAlignment(Path file, Map<String, Integer> vocabulary) {
    this.file = file;
    this.vocabulary = vocabulary;
  }

  /** Reads a student's {@code tokenizer.json}; problems name the file. */
  public static TokenAlignment load(Path tokenizerJson) {
    SourceLocation at = new SourceLocation(tokenizerJson, 0);
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new InputException(at, "tokenizer file not found");
    }
    try (HuggingFaceTokenizer ignored = HuggingFaceTokenizer.newInstance(tokenizerJson)) {
      JsonNode root = CorpusJson.json().readTree(tokenizerJson.toFile());
      Map<String, Integer> vocabulary = new HashMap<>();
      JsonNode vocab = root.path("model").path("vocab");
      if (!vocab.isObject()) {
        throw new InputException(at, "field \"model.vocab\" must map tokens to ids (BPE or"
            + " WordPiece); found " + (vocab.isMissingNode() ? "nothing" : vocab.getNodeType()));
      }
      vocab.fields().forEachRemaining(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
      for (JsonNode added : root.path("added_tokens")) {
        vocabulary.put(added.path("content").asText(), added.path("id").asInt());
      }
      return new TokenAlignment(tokenizerJson, vocabulary);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException(at, "cannot read tokenizer: " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The student id of a teacher token, or -1 when the student's vocabulary has none. */
  public int id(TeacherToken token) {
    Integer id = null;
    if (token.hasOwnBytes()) {
      id = vocabulary.get(ByteLevelSpelling.of(token.bytes()));
    }
    if (id == null) {
      id = vocabulary.get(token.text());
    }
    if (id == null) {
      id = vocabulary.get(ByteLevelSpelling.of(token.text().getBytes(StandardCharsets.UTF_8)));
    }
    return id == null ? -1 : id;
  }

  /**
   * Counts how many written and alternative tokens of {@code replies} have no student id, and
   * refuses when more than {@link #MAX_UNMAPPED} of them: the tokenizers then differ, and
   * token-level losses would compare unrelated positions.
   *
   * @param teacherModel named in the message
   * @return how many tokens failed to map, out of how many
   * @throws InputException naming the teacher model, this file and the count
   */
  public long[] requireSameTokenizer(Iterable<TokenLogprobs> replies, String teacherModel) {
    long total = 0;
    long failed = 0;
    Map<TeacherToken, Integer> seen = new HashMap<>();
    for (TokenLogprobs reply : replies) {
      for (int p = 0; p < reply.positions(); p++) {
        total++;
        failed += seen.computeIfAbsent(reply.token(p), this::id) < 0 ? 1 : 0;
        for (int j = 0; j < reply.counts()[p]; j++) {
          total++;
          failed += seen.computeIfAbsent(reply.alternative(p, j), this::id) < 0 ? 1 : 0;
        }
      }
    }
    if (failed > total * MAX_UNMAPPED) {
      throw new InputException(new SourceLocation(file, 0), failed + " of " + total
          + " tokens of teacher \"" + teacherModel + "\" have no id in this student tokenizer"
          + " (at most " + MAX_UNMAPPED * 100 + "% may): token-level distillation from top-k"
          + " logprobs needs the teacher's own tokenizer; use the teacher's tokenizer.json or"
          + " sequence-level distillation (cross-entropy on the teacher's text)");
    }
    return new long[] {failed, total};
  }
}
