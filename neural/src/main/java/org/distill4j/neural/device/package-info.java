/**
 * Where and in which number format the networks compute: {@link
 * org.distill4j.neural.device.Precision} (float32, fp16, or auto; bf16 refused) and the store
 * that casts the float32 weights for an fp16 scoring pass ({@link
 * org.distill4j.neural.device.CastingParameterStore}).
 *
 * <p>May import: DJL. Nothing else of this project.
 */
package org.distill4j.neural.device;
