/**
 * Retrieval augmentation: the top facts a knowledge base returns for an example's input are
 * prepended to that input, the same way at training and at evaluation.
 *
 * <p>May import: {@code training.config} (the retrieval settings), {@code training.data},
 * {@code org.distill4j.core.retrieval}. Never {@code train} or {@code eval}.
 */
package org.distill4j.training.retrieval;
