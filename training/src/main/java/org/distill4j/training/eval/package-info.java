/** How good a student is: exact match, accuracy and BLEU-2 against references. */
package org.distill4j.training.eval;
