/**
 * The columns of an export: one typed column per knowledge field, provenance field, score and
 * filter verdict, each with its Parquet and Hugging Face type, so the Parquet writer and the
 * dataset card describe the same table.
 */
package org.distill4j.export.schema;
