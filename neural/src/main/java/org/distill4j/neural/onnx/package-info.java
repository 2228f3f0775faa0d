/**
 * Reading ONNX models and turning a BERT-family ONNX export into a Hugging Face model folder
 * ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}).
 *
 * <p>The ONNX file is walked generically with protobuf-java's wire reader, by the field numbers
 * of the official {@code onnx.proto}: no generated ONNX classes are published on Maven Central
 * as a plain protobuf-java artifact, and only the graph's nodes and initializers are needed.
 *
 * <p>May import: {@code org.distill4j.neural.bert} (the config it infers), protobuf-java, DJL,
 * Jackson through the bert package. Nothing imports it from inside neural.
 */
package org.distill4j.neural.onnx;
