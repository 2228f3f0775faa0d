package org.distill4j.generation.parse;

/**
 * A piece of a reply that did not become knowledge, with the reason: kept so that nothing is
 * dropped silently.
 *
 * @param text the piece as written by the teacher
 * @param reason why it was not used
 */
public record Fragment(String text, String reason) {}
