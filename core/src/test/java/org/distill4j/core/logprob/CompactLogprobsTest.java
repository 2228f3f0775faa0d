package org.distill4j.core.logprob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored form of teacher logprobs: exact round trips, clear damage, and its size. */
class CompactLogprobsTest {
  private static final long SEED = 20260401L;

  /**
   * A reply the way a served teacher writes one: 400 tokens of English-like text over a Zipf
   * vocabulary of 8,000 tokens, each with k alternatives from a softmax of random logits.
   */
  static TokenLogprobs realisticReply(int k, Random random) {
    String[] vocabulary = new String[8000];
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder w = new StringBuilder(i % 3 == 0 ? "" : "\u0120");
      int len = 2 + random.nextInt(6);
      for (int c = 0; c < len; c++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      vocabulary[i] = w.toString();
    }
    TokenLogprobs.Builder b = TokenLogprobs.builder(k);
    for (int p = 0; p < 400; p++) {
      double[] logits = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        logits[j] = random.nextGaussian() * 3;
        max = Math.max(max, logits[j]);
      }
      double z = 0;
      for (double l : logits) {
        z += Math.exp(l - max);
      }
      int chosen = zipf(random, vocabulary.length);
      b.position(TeacherToken.of(vocabulary[chosen]), max - max - Math.log(z));
      b.alternative(TeacherToken.of(vocabulary[chosen]), -Math.log(z));
      for (int j = 1; j < k; j++) {
        b.alternative(TeacherToken.of(vocabulary[zipf(random, vocabulary.length)]),
            logits[j] - max - Math.log(z));
      }
    }
    return b.build();
  }

  private static int zipf(Random random, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n))) - 1);
  }

  /** The same reply as an OpenAI chat completion spells it, for comparison. */
  static int openAiJsonBytes(TokenLogprobs l) {
    StringBuilder s = new StringBuilder();
    for (int p = 0; p < l.positions(); p++) {
      s.append(entry(l.token(p).text(), l.logprobs()[p])).append(",\"top_logprobs\":[");
      for (int j = 0; j < l.counts()[p]; j++) {
        s.append(j == 0 ? "" : ",").append(entry(l.alternative(p, j).text(),
            l.alternativeLogprob(p, j))).append('}');
      }
      s.append("]},");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static String entry(String token, double logprob) {
    StringBuilder bytes = new StringBuilder();
    for (byte x : token.getBytes(StandardCharsets.UTF_8)) {
      bytes.append(bytes.length() == 0 ? "" : ",").append(x & 0xff);
    }
    return "{\"token\":\"" + token + "\",\"logprob\":" + (double) (float) logprob + ",\"bytes\":["
        + bytes + "]";
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 20})
  void aDecodedReplyEqualsTheOriginal(int k) {
    TokenLogprobs original = realisticReply(k, new Random(SEED + k));
    assertThat(CompactLogprobs.decode(CompactLogprobs.encode(original))).isEqualTo(original);
  }

  @Test
  void tokensWithTheirOwnBytesAndExtremeLogprobsSurvive() {
    TokenLogprobs original = TokenLogprobs.builder(3)
        .position(new TeacherToken("bytes:\\xe2\\x80", new byte[] {(byte) 0xe2, (byte) 0x80}), -0.0004)
        .alternative(TeacherToken.of("\u00e9t\u00e9"), Double.NEGATIVE_INFINITY)
        .alternative(TeacherToken.of(""), -9999)
        .alternative(new TeacherToken("bytes:\\xe2\\x80", new byte[] {(byte) 0xe2, (byte) 0x80}), 0.2)
        .alternative(TeacherToken.of("late"), -2)
        .position(TeacherToken.of("x"), -1.23456)
        .build();
    TokenLogprobs decoded = CompactLogprobs.decode(CompactLogprobs.encode(original));
    assertThat(decoded).isEqualTo(original);
    assertThat(decoded.token(0).utf8()).containsExactly(0xe2, 0x80);
    assertThat(decoded.alternative(0, 0).text()).isEqualTo("bytes:\\xe2\\x80");
    assertThat(decoded.alternativeLogprob(0, 0)).isEqualTo(0f);
    assertThat(decoded.alternativeLogprob(0, 2)).isEqualTo(TokenLogprobs.FLOOR);
    assertThat(decoded.counts()).containsExactly(3, 0);
    assertThat(decoded.logprobs()[1]).isEqualTo(-1.235f);
  }

  @Test
  void damagedDataFailsWithWhatIsWrong() {
    String good = CompactLogprobs.encode(realisticReply(5, new Random(SEED)));
    byte[] raw = Base64.getDecoder().decode(good);
    String cut = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length / 2));
    assertThatThrownBy(() -> CompactLogprobs.decode(cut))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
    assertThatThrownBy(() -> CompactLogprobs.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Base64");
  }

  /** The measurement reported in the issue: bytes per output token as stored in the run. */
  @ParameterizedTest
  @ValueSource(ints = {5, 20})
  void aStoredLineIsSmallPerToken(int k) throws Exception {
    TokenLogprobs reply = realisticReply(k, new Random(SEED + k));
    LogprobsLine line = LogprobsLine.of("a".repeat(64), reply);
    int stored = org.distill4j.core.io.CorpusJson.json().writeValueAsBytes(line).length + 1;
    double perToken = stored / (double) reply.positions();
    double openAi = openAiJsonBytes(reply) / (double) reply.positions();
    System.out.printf("k=%d: %.1f bytes per output token stored, %.1f in OpenAI's JSON%n", k,
        perToken, openAi);
    assertThat(perToken).isLessThan(k * 9.0);
    assertThat(perToken).isLessThan(openAi / 4);
  }
}
