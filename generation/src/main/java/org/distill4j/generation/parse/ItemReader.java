package org.distill4j.generation.parse;

/** Reads the items out of a reply's text in one output format (JSON or lines). */
@FunctionalInterface
public interface ItemReader {

  /** The items in {@code text}, which is never null or blank. */
  ReplyItems read(String text);
}
