package org.distill4j.bench.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a leak would grow: the process's resident memory now and at its peak (from
 * {@code /proc/self/status}), and the NDArrays DJL still tracks under the engine's root manager.
 */
record ProcessMemory(long residentKib, long peakResidentKib, int liveArrays, long heapUsed,
    long heapCommitted) {
  /** A snapshot; the array count covers every manager below {@code any}'s root. */
  static ProcessMemory now(NDManager any) {
    NDManager root = any;
    while (root.getParentManager() != null && root.getParentManager() != root) {
      root = root.getParentManager();
    }
    // RSS includes the Java heap, which grows lazily until a collection: shown apart so that
    // heap growth is not read as a native leak.
    var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ProcessMemory(statusKib("VmRSS:"), statusKib("VmHWM:"),
        root.getManagedArrays().size(), heap.getUsed(), heap.getCommitted());
  }

  /**
   * The one-minute load average from {@code /proc/loadavg} as text, or "?" where there is none:
   * on a shared machine it says which steps ran beside a neighbour's burst.
   */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** A field of {@code /proc/self/status} in KiB, or -1 where there is no such file (not Linux). */
  private static long statusKib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public String toString() {
    return String.format("RSS %.1f MiB (peak %.1f MiB; Java heap %.0f MiB used of %.0f"
        + " committed), %d live NDArrays", residentKib / 1024.0, peakResidentKib / 1024.0,
        heapUsed / 1048576.0, heapCommitted / 1048576.0, liveArrays);
  }
}
