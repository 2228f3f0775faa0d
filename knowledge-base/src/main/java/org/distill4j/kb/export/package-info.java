/** Exporting a knowledge base to Turtle, N-Triples or JSON Lines corpus records. */
package org.distill4j.kb.export;
