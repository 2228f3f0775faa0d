package org.distill4j.teacher.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The loopback batch-capable teacher as a process, for trying {@code distill generate --batch}
 * by hand (the README's tour was made with it): it prints its base URL and serves until killed.
 * Every prompt is answered with three numbered inferences drawn from the prompt's hash, so the
 * knowledge is nonsense but every stage does its real work.
 *
 * <p>Arguments: {@code [openai|anthropic [POLLS_BEFORE_END [EXPIRE_EVERY]]]}; with
 * EXPIRE_EVERY n, every n-th request is left expired by its job and goes one by one.
 */
public final class StandInBatchTeacher {
  private static final List<String> TAILS = List.of("to be kind", "to help out", "to rest",
      "to feel proud", "to say thanks", "to plan ahead", "to be careful", "to share",
      "to learn more", "to relax");

  private StandInBatchTeacher() {}

  public static void main(String[] args) throws Exception {
    BatchTeacherServer.Dialect dialect = args.length > 0 && args[0].equals("anthropic")
        ? BatchTeacherServer.Dialect.ANTHROPIC : BatchTeacherServer.Dialect.OPENAI;
    int polls = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int expireEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    BatchTeacherServer server = new BatchTeacherServer(dialect, null,
        StandInBatchTeacher::answer).pollsBeforeEnd(polls);
    if (expireEvery > 0) {
      server.fate(body -> Math.floorMod(body.toString().hashCode(), expireEvery) == 0
          ? BatchTeacherServer.Fate.EXPIRE : BatchTeacherServer.Fate.ANSWER);
    }
    System.out.println(server.baseUrl());
    Thread.currentThread().join();
  }

  private static BatchTeacherServer.Answer answer(JsonNode body) {
    int h = Math.floorMod(body.path("messages").toString().hashCode(), TAILS.size());
    return BatchTeacherServer.Answer.of("1. " + TAILS.get(h) + "\n2. "
        + TAILS.get((h + 3) % TAILS.size()) + "\n3. " + TAILS.get((h + 7) % TAILS.size()) + "\n");
  }
}
