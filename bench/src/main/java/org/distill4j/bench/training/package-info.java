/**
 * Training on real data and training speed: a generative student on ATOMIC 2019, a scorer student
 * on CommonsenseQA with PaLM's answers, and tokens per second against plain PyTorch.
 */
package org.distill4j.bench.training;
