/**
 * The {@code distill train} and {@code distill eval} commands. They translate flags into a
 * student config and call training's entry points ({@code Training}, {@code
 * StudentEvaluation}); a training setting's error is rendered with its flag here.
 *
 * <p>May import: {@code org.distill4j.cli}, {@code org.distill4j.core}, {@code
 * org.distill4j.training} and its {@code config}, {@code eval}, {@code model} and {@code train}
 * packages (checkpoints, decoding, reports), {@code org.distill4j.pipeline} (the knowledge-base
 * retrievers), picocli.
 */
package org.distill4j.cli.train;
