/**
 * The first pass over a corpus before anything is written: every line parsed (a bad line stops
 * the export with its file:line before any output exists), the kinds, score and filter names
 * that fix the tables' columns, the rows each split of each kind will get (which names the
 * Hugging Face shards), and the teachers and recipes the dataset card names.
 */
package org.distill4j.export.survey;
