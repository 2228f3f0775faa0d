package org.distill4j.bench.training;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the training benchmarks, with defaults. */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  BenchArgs(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, found " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  Path path(String name, String fallback) {
    return Path.of(text(name, fallback));
  }
}
