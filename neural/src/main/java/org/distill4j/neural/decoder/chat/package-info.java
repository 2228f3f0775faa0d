/**
 * Chat formatting for pretrained decoder students: a model folder's own chat template
 * ({@link org.distill4j.neural.decoder.chat.ChatTemplate}, rendered as transformers'
 * {@code apply_chat_template} renders it), supervised fine-tuning examples whose loss covers only
 * the assistant's turns ({@link org.distill4j.neural.decoder.chat.SftEncoder}), and rows of fixed
 * length for batches, packed or padded ({@link org.distill4j.neural.decoder.chat.Packer}).
 *
 * <p>May import: Jinjava (the Jinja2 engine), DJL's Hugging Face tokenizers, Jackson, and core's
 * input errors. No other package of this project; the decoder model blocks may import this
 * package, never the reverse.
 */
package org.distill4j.neural.decoder.chat;
