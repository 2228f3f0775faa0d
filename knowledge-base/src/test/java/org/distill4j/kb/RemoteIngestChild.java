package org.distill4j.kb;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.remote.RemoteEndpoint;

/** Run in a child JVM by {@link RemoteCrashIT}: ingests a file into a server so the test can kill it. */
public final class RemoteIngestChild {
  private RemoteIngestChild() {}

  public static void main(String[] args) {
    RemoteEndpoint endpoint = RemoteEndpoint.open(args[0]);
    Path corpus = Path.of(args[1]);
    int batch = Integer.parseInt(args[2]);
    IngestJob job = IngestJob.defaults().withBatchSize(batch).withVectors(false)
        .withRejects(corpus.resolveSibling("rejected.jsonl"));
    System.out.println(Ingest.remote(endpoint, List.of(corpus), job).summary());
  }
}
