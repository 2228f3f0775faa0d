/**
 * The top-k log-probabilities a served teacher returns for each token of a reply, and their
 * compact stored form. {@link org.distill4j.core.logprob.TokenLogprobs} holds one reply's
 * positions; {@link org.distill4j.core.logprob.CompactLogprobs} turns it into one short string
 * (the reply cache's column and the {@code data} field of a line of {@code logprobs.jsonl});
 * {@link org.distill4j.core.logprob.LogprobsLine} is that line, keyed by the request hash every
 * record of the reply carries in its provenance, and {@link
 * org.distill4j.core.logprob.LogprobsFile} reads the file back. Teachers write these, generation
 * stores them, training reads them: so they live here, where all three may look.
 */
package org.distill4j.core.logprob;
