package org.distill4j.teacher.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/files} of the fake: a multipart form with purpose and a JSONL file. */
final class OpenAiFiles {
  private OpenAiFiles() {}

  static ObjectNode upload(BatchTeacherServer server, String contentType, byte[] body, String id)
      throws IOException {
    if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
      throw new IllegalArgumentException("expected multipart/form-data, found " + contentType);
    }
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    Map<String, String> parts = parts(new String(body, StandardCharsets.ISO_8859_1), boundary);
    if (!"batch".equals(parts.get("purpose"))) {
      throw new IllegalArgumentException("purpose must be batch, found " + parts.get("purpose"));
    }
    String file = parts.get("file");
    if (file == null) {
      throw new IllegalArgumentException("the form has no file");
    }
    byte[] content = file.getBytes(StandardCharsets.ISO_8859_1);
    check(new String(content, StandardCharsets.UTF_8));
    server.files.put(id, content);
    ObjectNode answer = BatchTeacherServer.JSON.createObjectNode();
    answer.put("id", id).put("object", "file").put("bytes", content.length)
        .put("filename", "batch.jsonl").put("purpose", "batch");
    return answer;
  }

  /** Each part's name and content (bytes kept as ISO-8859-1 characters). */
  private static Map<String, String> parts(String body, String boundary) {
    Map<String, String> parts = new HashMap<>();
    for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int split = part.indexOf("\r\n\r\n");
      if (split < 0) {
        continue;
      }
      String headers = part.substring(0, split);
      java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"")
          .matcher(headers);
      if (name.find()) {
        String content = part.substring(split + 4);
        parts.put(name.group(1), content.endsWith("\r\n")
            ? content.substring(0, content.length() - 2) : content);
      }
    }
    return parts;
  }

  /** What OpenAI checks of a batch input: JSON lines, unique ids, one endpoint, a body. */
  private static void check(String jsonl) throws IOException {
    Set<String> ids = new HashSet<>();
    int n = 0;
    for (String line : jsonl.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      JsonNode entry = BatchTeacherServer.JSON.readTree(line);
      String id = entry.path("custom_id").asText("");
      if (id.isEmpty() || !ids.add(id)) {
        throw new IllegalArgumentException("line " + n + ": custom_id missing or repeated");
      }
      if (!"POST".equals(entry.path("method").asText())
          || !"/v1/chat/completions".equals(entry.path("url").asText())
          || !entry.path("body").isObject()) {
        throw new IllegalArgumentException("line " + n + ": needs method POST, url"
            + " /v1/chat/completions and a body");
      }
    }
  }
}
