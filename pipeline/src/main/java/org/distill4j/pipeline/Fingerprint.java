package org.distill4j.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.distill4j.core.io.CorpusJson;

/** Builds a SHA-256 over settings and file contents: a stage's inputs in one string. */
final class Fingerprint {
  private final MessageDigest digest;

  Fingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a settings object, as its JSON. */
  Fingerprint add(Object settings) {
    try {
      digest.update(CorpusJson.json().writeValueAsBytes(settings));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot fingerprint " + settings, e);
    }
    digest.update((byte) 0);
    return this;
  }

  /** Adds a file's name and content; a missing file counts as empty. */
  Fingerprint addFile(Path file) {
    digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    if (file != null && Files.isRegularFile(file)) {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    digest.update((byte) 0);
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
