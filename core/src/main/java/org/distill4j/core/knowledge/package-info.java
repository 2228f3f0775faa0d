/**
 * The knowledge a teacher writes: QA pairs, rationales, comparatives and commonsense triples.
 * Records validate in their compact constructors, so an instance is always well formed.
 */
package org.distill4j.core.knowledge;
