/**
 * Text to token ids and back: a Hugging Face {@code tokenizer.json} through DJL's binding when the
 * user has one, else a byte-pair vocabulary learnt from the training corpus.
 */
package org.distill4j.training.tokenizer;
