/**
 * One pipeline from teacher to student: generate, filter, knowledge base, train, then the
 * report. Read {@link org.distill4j.pipeline.Pipeline} for the order; every stage is resumable.
 * The train stage translates its YAML into a student config and calls training's one entry
 * point; a training setting's error is rendered as a key of the student config.
 *
 * <p>May import: {@code org.distill4j.core}, {@code org.distill4j.teacher}, the generation,
 * filtering and knowledge-base packages a stage runs, {@code org.distill4j.training} with its
 * {@code config} and {@code retrieval} packages, {@code pipeline.report}, Jackson.
 */
package org.distill4j.pipeline;
