/**
 * Distillation losses: sequence-level cross-entropy on the teacher's text (optionally weighted by a
 * critic's score) and token-level divergences from a local teacher's distributions (forward,
 * reverse and skew KL, and TAID's time-interpolated target), with temperature and hard-label
 * mixing.
 */
package org.distill4j.training.loss;
