package org.distill4j.spark.generate;

import java.io.Serializable;

/**
 * What one partition reports to the driver.
 *
 * @param partition the partition's index
 * @param firstLine the seed file line its first seed is on (1-based)
 * @param lines how many seed file lines it covered, blank ones included
 * @param manifestJson the partition run's manifest, as written in its folder
 */
public record PartitionOutcome(int partition, long firstLine, long lines, String manifestJson)
    implements Serializable {}
