/**
 * The knowledge base as one thing. {@link org.distill4j.kb.ingest.KnowledgeBase} is the facade:
 * it opens the folder ({@link org.distill4j.kb.ingest.KbLayout} names its files) and hands each
 * job to one class: {@code Ingester} cuts records into batches, {@code BatchPreparer} makes each
 * ready (JSON, triples, SHACL), {@code BatchWriter} stores them in the crash-safe order on the
 * {@code WriterThread} ({@code RemoteBatchWriter} sends them to a SPARQL server instead),
 * {@code IndexRepair} checks the index against the store and repairs it,
 * {@link org.distill4j.kb.ingest.KbStats} counts and measures.
 * Front ends ingest through {@link org.distill4j.kb.ingest.Ingest}, which owns the defaults and
 * the rejects file, so {@code kb ingest} and the pipeline's kb stage leave the same files.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.embed}, {@code kb.index}, {@code kb.search},
 * {@code kb.store}, {@code kb.vocabulary}, {@code kb.query} (for {@code KnowledgeBase.select}),
 * {@code kb.remote}, {@code org.distill4j.neural} (the default embedder), Jena and Jackson; never
 * {@code kb.serve} or a front end (cli, pipeline), which call in through {@code Ingest} and
 * {@code KnowledgeBase}.
 */
package org.distill4j.kb.ingest;
