/**
 * The entry point of filtering, {@link org.distill4j.filtering.Filtering}: the {@code filter}
 * command and the pipeline's filter stage both call it with
 * {@link org.distill4j.filtering.chain.FilterSettings} and only translate its errors into their
 * own spelling.
 *
 * <p>May import: every filtering package ({@code chain} above all); no filtering package imports
 * this one.
 */
package org.distill4j.filtering;
