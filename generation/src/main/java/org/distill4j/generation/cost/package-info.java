/**
 * What a generation run costs: {@link org.distill4j.generation.cost.CostSettings} holds the
 * teacher's price (or why it has none), the spending limit and the tokenizer, and {@link org.distill4j.generation.cost.Projection} is what a run is expected
 * to send and cost before it sends anything.
 *
 * <p>Imports: {@code teacher.price}, {@code teacher.tokens}, the teacher contract, and core; never
 * {@code generation.run}, which uses this package.
 */
package org.distill4j.generation.cost;
