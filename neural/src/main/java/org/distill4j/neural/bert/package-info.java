/**
 * A BERT-family encoder built from DJL: the Hugging Face folder layout it reads and writes
 * ({@link org.distill4j.neural.bert.BertConfig}, {@code model.safetensors}, {@code tokenizer.json}),
 * the block holding every weight as a trainable DJL parameter under its Hugging Face name
 * ({@link org.distill4j.neural.bert.BertBlock}), and mean-pooled sentence embeddings
 * ({@link org.distill4j.neural.bert.BertEncoder}).
 *
 * <p>May import: DJL (api, HuggingFace tokenizers), Jackson. No other package of this project:
 * the ONNX importer imports this package, never the reverse.
 */
package org.distill4j.neural.bert;
