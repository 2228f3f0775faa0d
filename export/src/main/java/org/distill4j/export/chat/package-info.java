/**
 * Supervised fine-tuning lines: chat ({@code messages} with system, user and assistant turns, as
 * TRL, Axolotl and the OpenAI fine-tuning API read them) and Alpaca ({@code instruction},
 * {@code input}, {@code output}). The user turn and the reply are the input and target a
 * distill4j student trains on (core's {@code Instructions}); the system turn is the task.
 */
package org.distill4j.export.chat;
