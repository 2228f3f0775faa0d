/**
 * Rule checks that judge each record on its own: schema and required fields, length bounds,
 * blocklists, copies of the input, and per-kind checks. They are cheap and streaming, so a chain
 * runs them first.
 */
package org.distill4j.filtering.rules;
