package org.distill4j.pipeline;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.config.StudentConfig.RetrievalSettings;

/**
 * Connects training to the knowledge base: opens the stores a student config names for
 * retrieval, and closes them when training ends.
 * {@code keyword} is accepted as another name for BM25.
 */
public final class KnowledgeBaseRetrievers implements RetrieverSource, AutoCloseable {
  private final List<KnowledgeBase> opened = new ArrayList<>();

  @Override
  public Retriever open(RetrievalSettings settings) {
    if (settings.kb() == null) {
      throw new InputException("retrieval.kb is missing: name the knowledge-base folder to"
          + " retrieve from (in a pipeline it is the run's own kb, filled in for you)");
    }
    if (!Files.isDirectory(settings.kb())) {
      throw new InputException("retrieval.kb: no knowledge base folder at " + settings.kb()
          + "; build one with `distill kb ingest --kb " + settings.kb() + " FILE`");
    }
    SearchMode mode;
    try {
      mode = SearchMode.parse(settings.mode().equalsIgnoreCase("keyword") ? "bm25"
          : settings.mode());
    } catch (IllegalArgumentException e) {
      throw new InputException("retrieval.mode: " + e.getMessage() + " (or keyword)");
    }
    KnowledgeBase kb = KnowledgeBase.open(settings.kb());
    opened.add(kb);
    return kb.retriever(mode);
  }

  @Override
  public void close() {
    for (KnowledgeBase kb : opened) {
      kb.close();
    }
  }
}
