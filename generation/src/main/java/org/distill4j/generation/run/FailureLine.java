package org.distill4j.generation.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.distill4j.teacher.SecretRedactor;

/**
 * One line of {@code failures.jsonl}: a seed, request or reply fragment that produced no record,
 * with the reason and whatever raw text there was.
 *
 * @param type {@code seed} (unreadable or incomplete seed), {@code request} (no usable reply after
 *     retries and re-asks) or {@code fragment} (part of a usable reply that did not become
 *     knowledge)
 * @param key unique per failure within a run (request hash + ordinal), so a resume never writes
 *     the same failure twice
 * @param seed where the seed is, {@code file:line}
 * @param fields the seed's fields and expansion values
 * @param sampleIndex which sample, for request and fragment failures
 * @param requestHash the cache key of the (last) request
 * @param category a short machine-readable class: parse, truncated, empty, rate_limited,
 *     server_error, timeout, connection, client_error, other, bad_seed, duplicate
 * @param reason the reason in words
 * @param raw the raw reply or fragment text, when there is one
 * @param attempts HTTP attempts made for the request in this run (0 when served from the cache)
 * @param reasks how many times the request was re-asked after unusable replies
 * @param at when the failure was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureLine(
    String type,
    String key,
    String seed,
    Map<String, String> fields,
    Integer sampleIndex,
    String requestHash,
    String category,
    String reason,
    String raw,
    Integer attempts,
    Integer reasks,
    Instant at) {

  /** This line with credentials masked in the texts a server may have echoed them into. */
  public FailureLine redactedWith(SecretRedactor redactor) {
    String maskedReason = redactor.redact(reason);
    String maskedRaw = redactor.redact(raw);
    if (Objects.equals(maskedReason, reason) && Objects.equals(maskedRaw, raw)) {
      return this;
    }
    return new FailureLine(type, key, seed, fields, sampleIndex, requestHash, category,
        maskedReason, maskedRaw, attempts, reasks, at);
  }
}
