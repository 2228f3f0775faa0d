/**
 * Consistency of comparative statements: per adjective, the statements form a directed graph
 * ("A is heavier than B" is the edge A to B); a pair in both directions, an affirmed and a negated
 * statement of the same pair, or a longer cycle is a contradiction, resolved by dropping the side
 * with less support (record count, or the sum of a named score).
 *
 * <p>May import: {@code stage} only.
 */
package org.distill4j.filtering.comparative;
