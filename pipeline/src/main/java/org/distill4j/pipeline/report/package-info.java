/** The run report: one self-contained HTML page with charts drawn by JFreeChart. */
package org.distill4j.pipeline.report;
