package org.distill4j.teacher.batchapi;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body of text fields and one file, the file streamed from disk
 * rather than read into memory (an OpenAI batch input may be 200 MB). The JDK client has no
 * form publisher of its own.
 */
final class Multipart {
  private final String boundary = "distill4j-" + UUID.randomUUID();
  private final Map<String, String> fields = new LinkedHashMap<>();
  private String fileField;
  private Path file;
  private String fileType;

  Multipart field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  Multipart file(String name, Path path, String contentType) {
    this.fileField = name;
    this.file = path;
    this.fileType = contentType;
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() {
    StringBuilder head = new StringBuilder();
    fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
        .append(value).append("\r\n"));
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(fileField)
        .append("\"; filename=\"").append(file.getFileName()).append("\"\r\n")
        .append("Content-Type: ").append(fileType).append("\r\n\r\n");
    String tail = "\r\n--" + boundary + "--\r\n";
    try {
      return HttpRequest.BodyPublishers.concat(
          HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
          HttpRequest.BodyPublishers.ofFile(file),
          HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read the batch input " + file, e);
    }
  }
}
