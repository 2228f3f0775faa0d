/**
 * The generation stage's one entry point: {@link org.distill4j.generation.Generation} turns a
 * {@link org.distill4j.generation.GenerationJob} (what a front end asks for; null means the
 * default) into a run, owning the defaults, the order of checks and the output file names
 * ({@link org.distill4j.generation.run.GenerationFiles}); its errors name settings by
 * {@link org.distill4j.generation.run.SettingNames}, which each front end spells as its flag or YAML
 * key. {@code distill generate} and the pipeline's generate stage both call it.
 *
 * <p>May import: {@code generation.run}, {@code generation.recipe}, {@code generation.parse}, the
 * teacher module and core; nothing in generation imports this package.
 */
package org.distill4j.generation;
