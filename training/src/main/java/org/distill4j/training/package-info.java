/**
 * Students that learn from distilled corpora, trained with DJL on the PyTorch engine. This top
 * package holds the two entry points the front ends call: {@link org.distill4j.training.Training}
 * (train or resume a run from a {@link org.distill4j.training.config.StudentConfig}) and
 * {@link org.distill4j.training.StudentEvaluation} (score a checkpoint on a corpus).
 *
 * <p>May import: every {@code org.distill4j.training} subpackage, {@code org.distill4j.core},
 * {@code org.distill4j.neural}. Nothing below imports this package.
 */
package org.distill4j.training;
