/**
 * The Hugging Face dataset folder: Parquet shards under {@code data/} named
 * {@code SPLIT-0000i-of-0000N.parquet}, and a {@code README.md} dataset card whose YAML header
 * declares the configs, their data files, features and split sizes, and whose body says where
 * the data came from: teachers, recipes, filters, counts and the seeds' licence.
 */
package org.distill4j.export.hf;
