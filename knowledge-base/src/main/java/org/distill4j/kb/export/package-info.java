/** Exporting a knowledge base to Turtle, N-Triples or JSON Lines corpus records.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.store}, {@code kb.vocabulary} and Jena.
 */
package org.distill4j.kb.export;
