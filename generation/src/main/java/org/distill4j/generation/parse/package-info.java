/**
 * Parsers that survive real teacher output. {@link org.distill4j.generation.parse.RecipeParser}
 * refuses empty and truncated ({@code finish_reason=length}) replies, reads items with an
 * {@link org.distill4j.generation.parse.ItemReader} (JSON inside code fences or prose, with
 * trailing commas and other slips tolerated by {@link org.distill4j.generation.parse.LenientJson};
 * or one item per numbered/bulleted line), and maps them to knowledge with
 * {@link org.distill4j.generation.parse.KnowledgeMapper}. Whatever is not used is returned as a
 * {@link org.distill4j.generation.parse.Fragment} with its reason.
 */
package org.distill4j.generation.parse;
