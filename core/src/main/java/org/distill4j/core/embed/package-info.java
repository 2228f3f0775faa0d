/**
 * The embedding contract ({@link org.distill4j.core.embed.TextEmbedder}): texts to vectors. It
 * imports nothing but the JDK; the implementation lives in the {@code neural} module.
 */
package org.distill4j.core.embed;
