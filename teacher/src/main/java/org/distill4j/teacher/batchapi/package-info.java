/**
 * Batch endpoints of hosted teachers (OpenAI's Batch API, at any OpenAI-compatible base URL
 * that has it, and Anthropic's Message Batches): submit many requests as one job, poll it, read
 * its answers as the synchronous client would. The provider's own client writes each request
 * and reads each reply ({@code WireCodec}), so batched and synchronous runs agree exactly.
 */
package org.distill4j.teacher.batchapi;
