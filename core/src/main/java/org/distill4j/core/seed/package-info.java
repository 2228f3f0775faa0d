/** Seed inputs for recipes, read from text, JSON Lines, CSV or TSV files with a field mapping. */
package org.distill4j.core.seed;
