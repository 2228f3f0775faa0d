/**
 * The {@code distill filter} and {@code distill critic} commands.
 *
 * <p>May import: {@code org.distill4j.cli}, {@code org.distill4j.core}, the filtering packages,
 * {@code org.distill4j.neural} and {@code org.distill4j.neural.cache} (the cached MiniLM embedder
 * the critic commands hand to the critic),
 * picocli.
 */
package org.distill4j.cli.filter;
