package org.distill4j.cli.filter;

import java.nio.file.Path;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.cache.CachingEmbedder;
import picocli.CommandLine.Option;

/** Where the critic commands keep MiniLM embeddings between runs. */
final class EmbeddingCacheOption {
  @Option(names = "--embedding-cache", paramLabel = "DIR",
      description = "Folder of the persistent embedding cache, shared by every command and"
          + " process (default: $DISTILL4J_EMBEDDING_CACHE, else"
          + " $XDG_CACHE_HOME/distill4j/embeddings, else ~/.cache/distill4j/embeddings;"
          + " DISTILL4J_EMBEDDING_CACHE=off disables it).")
  Path dir;

  /** MiniLM through the cache, batching and reporting progress on stderr. */
  TextEmbedder embedder() {
    return CachingEmbedder.miniLm(dir);
  }
}
