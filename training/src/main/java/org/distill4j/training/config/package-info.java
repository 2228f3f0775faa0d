/**
 * A training run's settings as read from YAML ({@link org.distill4j.training.config.StudentConfig},
 * the {@link org.distill4j.training.config.StudentType} it trains, the learning-rate schedule)
 * and the names of the files a run writes ({@link org.distill4j.training.config.RunFolder}).
 *
 * <p>May import: {@code org.distill4j.core}, {@code training.loss} and {@code training.model}
 * (value types the settings describe), Jackson and DJL's tracker. Never {@code train},
 * {@code eval} or {@code retrieval}, which read it.
 */
package org.distill4j.training.config;
