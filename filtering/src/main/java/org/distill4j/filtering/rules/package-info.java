/**
 * Rule checks that judge each record on its own: schema and required fields, length bounds,
 * blocklists, copies of the input, and per-kind checks. They are cheap and streaming, so a chain
 * runs them first.
 *
 * <p>May import: {@code stage} and {@code rationale} (the kind checks read a rationale's final
 * answer).
 */
package org.distill4j.filtering.rules;
