/**
 * Training runs from a YAML config: a checkpoint each epoch, resume from the last one after a
 * kill, metrics per epoch as JSON Lines, early stopping on the dev set, and a final report.
 */
package org.distill4j.training.train;
