/**
 * One pipeline from teacher to student: generate, filter, knowledge base, train, then the
 * report. Read {@link org.distill4j.pipeline.Pipeline} for the order; every stage is resumable.
 */
package org.distill4j.pipeline;
