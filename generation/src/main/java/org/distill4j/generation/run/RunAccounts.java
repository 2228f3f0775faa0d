package org.distill4j.generation.run;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The end-of-run check that every input is accounted for: requests expanded = requests ended +
 * requests skipped (never sent because the run stopped), requests ended = ok + failed, and the
 * output files hold one line per counted record and failure. A rerun of a
 * finished run whose files kept the sizes its manifest recorded skips the line counts.
 */
final class RunAccounts {
  private RunAccounts() {}

  /** Null when every input is accounted for, else what does not add up. */
  static String mismatch(RunTally tally, RunFolder folder, RunManifest verified) {
    long requests = tally.requests.get();
    long skipped = tally.skipped.get();
    if (requests + skipped != tally.expected.get()) {
      return "expanded " + tally.expected.get() + " requests but " + requests + " ended"
          + (skipped > 0 ? " and " + skipped + " were skipped" : "");
    }
    if (tally.ok.get() + tally.failed.get() != requests) {
      return requests + " requests but " + tally.ok.get() + " ok + " + tally.failed.get() + " failed";
    }
    if (verified != null && sizes(folder).equals(verified.outputs())
        && tally.records.get() == verified.counts().records()
        && tally.fragments.get() == verified.counts().fragmentsDropped()
        && tally.failed.get() == verified.counts().requestsFailed()
        && tally.seedFailures.get() == verified.counts().seedFailures()) {
      // Same files, byte for byte in size, as when they were last counted and found right.
      return null;
    }
    long genLines = RunFolder.countLines(folder.generated());
    if (genLines != tally.records.get()) {
      return "generated.jsonl has " + genLines + " lines but " + tally.records.get() + " records were counted";
    }
    long failLines = RunFolder.countLines(folder.failures());
    long expectedFail = tally.seedFailures.get() + tally.failed.get() + tally.fragments.get();
    if (failLines != expectedFail) {
      return "failures.jsonl has " + failLines + " lines but " + expectedFail + " failures were counted";
    }
    return null;
  }

  /** The sizes of the two outputs, as a finished manifest records them. */
  static RunManifest.Outputs sizes(RunFolder folder) {
    return new RunManifest.Outputs(size(folder.generated()), size(folder.failures()));
  }

  private static long size(java.nio.file.Path f) {
    try {
      return Files.exists(f) ? Files.size(f) : 0;
    } catch (IOException e) {
      return -1;
    }
  }
}
