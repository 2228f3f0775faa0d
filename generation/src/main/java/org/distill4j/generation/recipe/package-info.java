/**
 * Recipes: YAML files in {@code prompts/} that say which knowledge kind to ask for, with which
 * system and user templates ({@code {{variable}}}, rendered by LangChain4j's
 * {@code PromptTemplate}), few-shot examples, an optional expansion (one request per seed per
 * entry, e.g. per ATOMIC relation), sampling parameters and how replies are parsed.
 * {@link org.distill4j.generation.recipe.RecipeLoader} reads and checks them;
 * {@link org.distill4j.generation.recipe.PromptRenderer} turns seeds into prompts.
 */
package org.distill4j.generation.recipe;
