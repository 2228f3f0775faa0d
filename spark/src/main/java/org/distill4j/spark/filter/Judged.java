package org.distill4j.spark.filter;

import java.io.Serializable;

/**
 * One record after one stage.
 *
 * @param line its input line
 * @param json the record as it leaves the stage (verdict and scores added, content possibly
 *     rewritten)
 * @param kept whether the stage kept it
 * @param kind the kind of the record the stage judged, for the funnel
 * @param relation the relation of the record the stage judged, for the funnel
 */
record Judged(long line, String json, boolean kept, String kind, String relation)
    implements Serializable {}
