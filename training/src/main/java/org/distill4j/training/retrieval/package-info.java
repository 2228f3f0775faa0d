/**
 * Retrieval augmentation: the top facts a knowledge base returns for an example's input are
 * prepended to that input, the same way at training and at evaluation.
 */
package org.distill4j.training.retrieval;
