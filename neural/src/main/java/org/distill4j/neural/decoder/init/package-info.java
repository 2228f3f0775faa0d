/**
 * New decoders from nothing, for training from scratch where no pretrained checkpoint exists: a
 * word-level tokenizer learnt from texts and a Llama-shaped model with random weights, written
 * as a Hugging Face folder that the rest of the package loads like a download.
 */
package org.distill4j.neural.decoder.init;
