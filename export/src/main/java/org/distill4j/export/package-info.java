/**
 * {@code distill export}: a corpus file (kept, generated or rejected records) out to the tools
 * users train and share with: typed Parquet tables, a Hugging Face dataset folder with its card,
 * and chat or Alpaca JSON Lines for supervised fine-tuning, optionally split by group.
 * {@link org.distill4j.export.CorpusExport} is the entry point and owns the defaults.
 */
package org.distill4j.export;
