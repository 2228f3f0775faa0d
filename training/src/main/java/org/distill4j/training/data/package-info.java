/**
 * Training examples read from corpora: one input/target pair per record, shaped by knowledge kind
 * (head + relation to tail, question to rationale and answer, entity pair to comparative, passage
 * and question to answer), with the record's critic score as an optional weight.
 */
package org.distill4j.training.data;
