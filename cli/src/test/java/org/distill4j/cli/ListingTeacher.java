package org.distill4j.cli;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What the command-level tests' loopback teachers answer: an OpenAI chat completion listing two
 * inferences with usage, for the ATOMIC recipe, and the {@code generate} arguments that ask it.
 */
public final class ListingTeacher {
  public static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml")
      .toAbsolutePath().normalize();

  private static final byte[] BODY = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
      + "\"1. to help\\n2. to be kind\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}")
      .getBytes(StandardCharsets.UTF_8);

  private ListingTeacher() {}

  /** Sends the completion (usage: 50 tokens in, 9 out). */
  public static void answer(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, BODY.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(BODY);
    }
  }

  /** {@code generate} of the ATOMIC recipe over {@code seeds} against the teacher on {@code port}. */
  public static String[] generateArgs(Path seeds, Path out, int port) {
    return new String[] {"generate", "--recipe", ATOMIC.toString(), "--seeds", seeds.toString(),
        "--field", "event=0", "--teacher", "openai", "--model", "m", "--base-url",
        "http://127.0.0.1:" + port + "/v1", "--out", out.toString(),
        "--concurrency", "2", "--samples", "1", "--progress", "none"};
  }
}
