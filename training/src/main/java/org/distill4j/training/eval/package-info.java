/**
 * How good a student's outputs are: exact match, accuracy and BLEU-2 against references, the
 * most-frequent-target baseline, and the evaluation report's shape. Running an evaluation of a
 * checkpoint is {@link org.distill4j.training.StudentEvaluation}, above this package.
 *
 * <p>May import: {@code training.data}, {@code org.distill4j.core}. Never {@code train}.
 */
package org.distill4j.training.eval;
