package org.distill4j.core.io;

import java.nio.file.Path;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.QaPair;

/** Child process for {@link JsonLinesKillIT}: appends numbered records until it is killed. */
public final class AppendUntilKilled {
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int start = Integer.parseInt(args[1]);
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(file)) {
      for (int i = start; ; i++) {
        // Long answers make each line span several write() calls' worth of bytes.
        w.write(CorpusRecord.of(new QaPair("question " + i, "answer ".repeat(200) + i, null),
            Provenance.imported("kill-test")));
        if (i == start + 50) {
          System.out.println("writing");
          System.out.flush();
        }
        if (i % 7 == 0) {
          w.flush();
        }
      }
    }
  }
}
