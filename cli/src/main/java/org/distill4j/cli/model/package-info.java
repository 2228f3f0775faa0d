/**
 * The {@code distill model} commands, which prepare student models on disk: {@code import-onnx}
 * turns a BERT ONNX export into a Hugging Face folder the DJL encoder loads.
 *
 * <p>May import: {@code org.distill4j.core}, {@code org.distill4j.neural} (its onnx and bert
 * packages), picocli and the cli's shared option helpers; nothing of the pipeline.
 */
package org.distill4j.cli.model;
