package org.distill4j.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, as lowercase hex; use it for content ids and cache keys. */
public final class Sha256 {
  private static final HexFormat HEX = HexFormat.of();
  // One digest per thread: MessageDigest.getInstance walks the security providers on every call,
  // which cost as much as hashing a short id itself (profiled in the generation runner).
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::create);

  private Sha256() {}

  /** The full 64-character hex digest of the UTF-8 bytes of {@code text}. */
  public static String hex(String text) {
    return HEX.formatHex(digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The digest of raw bytes. */
  public static byte[] digest(byte[] bytes) {
    MessageDigest md = DIGEST.get();
    md.reset();
    return md.digest(bytes);
  }

  private static MessageDigest create() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
