package org.distill4j.generation.run;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Where the inputs of one run ended, counted as the run goes. */
final class RunTally {
  final AtomicLong seeds = new AtomicLong();
  final AtomicLong seedFailures = new AtomicLong();
  final AtomicLong expected = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong resumed = new AtomicLong();
  final AtomicLong records = new AtomicLong();
  final AtomicLong fragments = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong reasks = new AtomicLong();
  /** Requests never sent because the run stopped (a cost limit); a rerun sends them. */
  final AtomicLong skipped = new AtomicLong();
  private final Map<String, LongAdder> categories = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> skipReasons = new ConcurrentHashMap<>();

  /** A group of {@code requests} left unwritten for {@code reason}, for a rerun to finish. */
  void skip(int requests, String reason) {
    skipped.addAndGet(requests);
    skipReasons.computeIfAbsent(reason, k -> new LongAdder()).add(requests);
  }

  void category(String name) {
    categories.computeIfAbsent(name, k -> new LongAdder()).increment();
  }

  Map<String, Long> categories() {
    Map<String, Long> m = new TreeMap<>();
    categories.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  RunManifest.Counts counts() {
    Map<String, Long> reasons = new TreeMap<>();
    skipReasons.forEach((k, v) -> reasons.put(k, v.sum()));
    return new RunManifest.Counts(seeds.get(), seedFailures.get(), requests.get(), ok.get(),
        failed.get(), resumed.get(), records.get(), fragments.get(), duplicates.get(),
        reasks.get(), skipped.get(), reasons.isEmpty() ? null : reasons);
  }
}
