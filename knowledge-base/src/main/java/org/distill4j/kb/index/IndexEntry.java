package org.distill4j.kb.index;

import java.util.Map;

/**
 * What the text index holds for one record.
 *
 * @param id the content id, the document's key
 * @param kind the knowledge kind id
 * @param relation the relation
 * @param text the text searched with BM25
 * @param scores the record's named scores, filterable by range
 * @param json the whole record as JSON, returned with hits
 * @param vector the 384-d embedding of the text, or null for a keyword-only entry
 */
public record IndexEntry(String id, String kind, String relation, String text,
    Map<String, Double> scores, String json, float[] vector) {}
