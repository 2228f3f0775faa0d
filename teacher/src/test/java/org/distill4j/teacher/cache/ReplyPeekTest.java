package org.distill4j.teacher.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.teacher.TeacherReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only look into a reply cache finds what a run stored, and creates nothing. */
class ReplyPeekTest {
  @TempDir Path dir;

  @Test
  void findsCommittedRepliesUnderTheSameLimitRules() {
    CacheKey done = new CacheKey("a".repeat(64));
    CacheKey cut = new CacheKey("b".repeat(64));
    try (ReplyCache c = ReplyCache.open(dir)) {
      c.put(done, 100, new TeacherReply("full", TeacherReply.Finish.STOP, 5, 40, "m"));
      c.put(cut, 100, new TeacherReply("cu", TeacherReply.Finish.LENGTH, 5, 100, "m"));
    }
    try (ReplyPeek peek = ReplyPeek.open(dir)) {
      assertThat(peek.find(done, 100)).map(TeacherReply::outputTokens).contains(40);
      assertThat(peek.find(done, 400)).isPresent();
      assertThat(peek.find(cut, 100)).isPresent();
      assertThat(peek.find(cut, 400)).isEmpty();
      assertThat(peek.find(new CacheKey("c".repeat(64)), 100)).isEmpty();
    }
  }

  @Test
  void aFolderWithoutACacheReadsAsEmptyAndStaysEmpty() throws Exception {
    Path none = dir.resolve("none");
    try (ReplyPeek peek = ReplyPeek.open(none)) {
      assertThat(peek.find(new CacheKey("a".repeat(64)), null)).isEmpty();
    }
    assertThat(Files.exists(none)).isFalse();
  }
}
