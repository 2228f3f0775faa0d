package org.distill4j.cli.kb;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.kb.ingest.KbLayout;
import org.distill4j.kb.ingest.KnowledgeBase;
import picocli.CommandLine.Option;

/** The {@code --kb DIR} option every knowledge-base command takes. */
public final class KbDirectory {
  /** What {@code --kb DIR} is, for every command that takes it. */
  static final String DESCRIPTION = "The knowledge base folder (holds " + KbLayout.STORE + "/, "
      + KbLayout.INDEX + "/ and " + KbLayout.VECTORS + ").";

  @Option(names = "--kb", required = true, paramLabel = "DIR", description = DESCRIPTION)
  Path dir;

  /** Opens the knowledge base, creating it when {@code create} is true. */
  KnowledgeBase open(boolean create) {
    return open(dir, create);
  }

  /** Opens the knowledge base in {@code dir}, creating it when {@code create} is true. */
  static KnowledgeBase open(Path dir, boolean create) {
    if (!create && !Files.isDirectory(new KbLayout(dir).store())) {
      throw new InputException(dir + ": no knowledge base here; create one with"
          + " `distill kb ingest --kb " + dir + " FILE`");
    }
    return KnowledgeBase.open(dir);
  }
}
