/**
 * Fine-tuning decoders on {@link org.distill4j.neural.decoder.chat.PackedRow}s: next-token cross-entropy on the positions a row marks
 * (the assistant's part of a chat, the target of a prompt/target pair), rows packed with
 * several examples or padded, through {@link org.distill4j.neural.tune.FineTuner}.
 */
package org.distill4j.neural.decoder.train;
