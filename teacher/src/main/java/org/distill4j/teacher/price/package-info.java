/**
 * Token prices: {@link org.distill4j.teacher.price.PriceTable} holds the shipped list prices
 * ({@code prices.yaml}, dated) and a user's overrides, finds a model's price by exact name or
 * the dated-snapshot rule, and never turns an unknown price into 0;
 * {@link org.distill4j.teacher.price.ModelPrice#cost(TokenCounts, TokenCounts)} prices
 * synchronous and batch-API tokens apart; {@link org.distill4j.teacher.price.CostMeter} adds up
 * what a run spends and tells the batch runner when a cost limit is reached.
 *
 * <p>Imports: {@code teacher.batch} (the runner's spend hook), {@code teacher.tokens} (to count
 * replies whose server reported no usage), the contract and core.
 */
package org.distill4j.teacher.price;
