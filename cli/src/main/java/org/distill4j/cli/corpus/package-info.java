/**
 * {@code distill corpus validate} and {@code distill corpus stats}: read-only checks of a corpus
 * file. Imports core's readers only.
 */
package org.distill4j.cli.corpus;
