package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;

/**
 * One forward pass's inputs, all {@code [batch, tokens]}.
 *
 * @param ids token ids, int64
 * @param positions position ids, int64: 0, 1, 2… from each sequence's first real token (they
 *     restart for each packed example, and continue from the cache during generation)
 * @param mask float32, 1 on real tokens and 0 on padding
 * @param segments int32 packed-example ids, so attention stays within an example; null when rows
 *     hold one example each (and always with a cache)
 */
public record DecoderInput(NDArray ids, NDArray positions, NDArray mask, NDArray segments) {}
