/**
 * Students that learn from distilled corpora, trained with DJL on the PyTorch engine: datasets per
 * knowledge kind, tokenizers, a generative Transformer and an embedding-based scorer, distillation
 * losses, retrieval augmentation, resumable training runs and evaluation.
 */
package org.distill4j.training;
