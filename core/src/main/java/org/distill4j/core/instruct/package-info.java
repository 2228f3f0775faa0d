/**
 * What a student learns from one piece of knowledge: the input it reads, the output it writes,
 * and the task in words. Training builds its examples from these pairs and export writes the
 * same pairs as chat and Alpaca files, so a model trained elsewhere on an export sees exactly
 * what a distill4j student sees.
 */
package org.distill4j.core.instruct;
