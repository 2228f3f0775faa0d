package org.distill4j.spark.dedup;

import java.io.Serializable;

/**
 * Why a stage dropped a record: the earlier kept record it duplicates.
 *
 * @param line the dropped record's input line
 * @param of the id of the record it duplicates
 * @param similarity 1 for an exact duplicate, the estimated Jaccard similarity for a near one
 */
public record Rejection(long line, String of, double similarity) implements Serializable {}
