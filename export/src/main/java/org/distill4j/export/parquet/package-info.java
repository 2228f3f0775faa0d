/**
 * Parquet files of corpus records through Apache parquet-java, with no Hadoop at run time: a
 * local {@code OutputFile}, {@code PlainParquetConfiguration}, and {@link PureJavaCodecs} in
 * place of parquet-java's codec factory (which loads Hadoop's codec classes). Rows stream into
 * row groups of bounded size, so memory does not grow with the corpus.
 */
package org.distill4j.export.parquet;
