#!/usr/bin/env bash
# Runs a main of the bench-spark module with its class path and the java.base openings Spark
# needs on Java 17 (those of ./distill-spark), building the module first:
#   bench-spark/scripts/java.sh [JVM OPTIONS] org.distill4j.bench.spark.SparkGenerationBenchmark instant 100000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$root/bench-spark/target/bench-spark.classpath"
(cd "$root" && mvn -B -q -DskipTests -pl bench-spark -am package dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -DincludeScope=runtime >/dev/null)
opens=(-Djdk.reflect.useDirectMethodHandle=false)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action \
    sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
cd "$root"
exec java "${opens[@]}" -cp "$root/bench-spark/target/classes:$root/bench/target/classes:$(cat "$cp_file")" "$@"
