/**
 * Train/validation/test splits by group, never by record: every record of one seed (or, without
 * one, of one question or event) lands in the same split, so nothing a model is tested on was
 * seen in training under another sample or relation. A group's split is a hash of the group key
 * and the split seed: deterministic, streaming, and stable when records are added.
 */
package org.distill4j.export.split;
