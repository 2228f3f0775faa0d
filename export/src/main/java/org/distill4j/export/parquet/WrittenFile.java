package org.distill4j.export.parquet;

import java.nio.file.Path;
import org.distill4j.core.knowledge.KnowledgeKind;

/**
 * One finished Parquet file.
 *
 * @param path relative to the output root
 * @param kind the kind of its rows
 * @param split the split its rows belong to
 * @param rows how many rows it holds
 */
public record WrittenFile(Path path, KnowledgeKind kind, String split, long rows) {}
