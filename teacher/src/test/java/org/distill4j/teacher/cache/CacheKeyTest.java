package org.distill4j.teacher.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.hash.Sha256;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.ReplySchema;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherRequest;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final TeacherId TEACHER = new TeacherId("openai", "Qwen2.5-7B-Instruct");

  @Test
  void aKeyWrittenByEarlierVersionsStaysTheSame() {
    // Caches on users' disks are keyed by this value: changing how keys are computed must not
    // change it, or every stored reply would be asked for (and paid for) again.
    TeacherRequest request = new TeacherRequest(
        List.of(ChatTurn.system("You write \"QA\" pairs.\n"), ChatTurn.user("Passage: caf\u00E9 \uD83D\uDE00")),
        new Sampling(2, 0.7, 0.95, 512, 42L), 1, 0);
    assertThat(CacheKey.of(TEACHER, request).hex()).isEqualTo("f1a2fa88541ed208e95d57215f15817cb0732443504cb6b1f496931f861e8513");
  }

  @Test
  void theNumberOfLogprobsIsPartOfTheKeyAndZeroIsTheSameAsNone() {
    List<ChatTurn> turns = List.of(ChatTurn.user("x"));
    CacheKey none = CacheKey.of(TEACHER, TeacherRequest.of(turns, new Sampling(1, 0.5, null, 10, 1L)));
    CacheKey zero = CacheKey.of(TEACHER,
        TeacherRequest.of(turns, new Sampling(1, 0.5, null, 10, 1L, 0)));
    CacheKey five = CacheKey.of(TEACHER,
        TeacherRequest.of(turns, new Sampling(1, 0.5, null, 10, 1L, 5)));
    CacheKey twenty = CacheKey.of(TEACHER,
        TeacherRequest.of(turns, new Sampling(1, 0.5, null, 10, 1L, 20)));
    assertThat(zero).isEqualTo(none);
    assertThat(List.of(none, five, twenty)).doesNotHaveDuplicates();
  }

  @Test
  void aReplySchemaIsPartOfTheKeyWhateverTheOrderOfItsFields() {
    TeacherRequest plain = new TeacherRequest(List.of(ChatTurn.user("x")), new Sampling(1, 0.5, null, 10, 1L), 0, 0);
    java.util.Map<String, String> ab = new java.util.LinkedHashMap<>();
    ab.put("a", "string");
    ab.put("b", "number");
    java.util.Map<String, String> ba = new java.util.LinkedHashMap<>();
    ba.put("b", "number");
    ba.put("a", "string");
    CacheKey withAb = CacheKey.of(TEACHER, new TeacherRequest(plain.messages(), plain.sampling(), 0, 0, new ReplySchema("r", ab)));
    CacheKey withBa = CacheKey.of(TEACHER, new TeacherRequest(plain.messages(), plain.sampling(), 0, 0, new ReplySchema("r", ba)));
    assertThat(withAb).isEqualTo(withBa).isNotEqualTo(CacheKey.of(TEACHER, plain));
    assertThat(CacheKey.of(TEACHER, new TeacherRequest(plain.messages(), plain.sampling(), 0, 0,
        new ReplySchema("r", java.util.Map.of("a", "strings"))))).isNotEqualTo(withAb);
  }

  @Test
  void theKeyIsTheHashOfTheCanonicalTextForAnyMessages() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "aZ 09\"\\\n\t\u0000\u001F\u007F\u00E9\u2028\uD83D\uDE00\uD800\uDFFF{}";
    for (int i = 0; i < 2_000; i++) {
      List<ChatTurn> turns = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int t = 0; t < count; t++) {
        StringBuilder text = new StringBuilder();
        int len = random.nextInt(random.nextBoolean() ? 20 : 20_000);
        for (int c = 0; c < len; c++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        turns.add(t == 0 ? ChatTurn.system(text.toString()) : ChatTurn.user(text.toString()));
      }
      double[] odd = {Double.NaN, 1e-7, 0.0, 2.0, 1.0 / 3, 1e-300};
      Sampling sampling = new Sampling(1,
          random.nextBoolean() ? null : random.nextInt(4) == 0 ? odd[random.nextInt(odd.length)]
              : random.nextDouble() * 2,
          random.nextBoolean() ? null : random.nextDouble(), 100,
          random.nextBoolean() ? null : random.nextLong(),
          random.nextBoolean() ? null : random.nextInt(21));
      ReplySchema schema = random.nextInt(3) > 0 ? null : new ReplySchema("s\"" + random.nextInt(9),
          java.util.Map.of("question", "string", "a\u00E9\n", random.nextBoolean() ? "strings" : "number"));
      TeacherRequest request = new TeacherRequest(turns, sampling, random.nextInt(4), random.nextInt(3), schema);
      TeacherId teacher = random.nextBoolean() ? TEACHER
          : new TeacherId("open\"ai", "m\u00E9\\del/\u0001" + random.nextInt(9));
      assertThat(CacheKey.of(teacher, request).hex()).as("seed %d, request %d", seed, i)
          .isEqualTo(Sha256.hex(CacheKey.canonical(teacher, request)));
    }
  }
}
