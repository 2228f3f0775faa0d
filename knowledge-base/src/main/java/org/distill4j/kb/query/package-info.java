/**
 * SPARQL over the RDF store: parsing with line-numbered errors, the guard that keeps a query
 * inside the store (no SERVICE unless allowed, no java: class loading), time limits, row caps
 * and result formats, on a local store or on a {@link org.distill4j.kb.query.QueryEndpoint} (a
 * SPARQL server).
 *
 * <p>May import: {@code org.distill4j.core} and Jena; no other kb package. Errors about a
 * setting are {@link org.distill4j.core.io.SettingException}s under the setting's own name
 * ({@code max_rows}, {@code allow_service}, {@code format}); front ends spell them.
 */
package org.distill4j.kb.query;
