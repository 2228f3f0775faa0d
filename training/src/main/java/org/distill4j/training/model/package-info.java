/**
 * Student networks built from DJL blocks: a causal Transformer that writes text, and a scorer on
 * frozen sentence embeddings that picks among choices or judges validity.
 */
package org.distill4j.training.model;
