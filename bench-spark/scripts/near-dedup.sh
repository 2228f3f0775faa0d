#!/usr/bin/env bash
# Near dedup of N synthetic triples (default 1,000,000; the corpus of DedupBenchmark, seed 42):
# `distill filter` (one JVM, the local FilterRun) against `distill-spark dedup --master local[2]`
# on the same chain (exact-dedup, then near-dedup at Jaccard 0.8) and the same file. Whole
# commands, JVM and Spark start included; ROUNDS rounds alternating which side goes first (odd
# rounds local). Each command runs under /usr/bin/time (wall, CPU, peak RSS) with -Xmx$XMX. Then
# the outputs are compared: the same kept ids in the same order and the same rejected ids.
# With HEAPS (e.g. "1024 768 512"), each side then runs once per heap size (MiB), largest first,
# to find the smallest heap it completes in.
#
#   bench-spark/scripts/near-dedup.sh [N] [ROUNDS] [HEAPS]      XMX=2g by default
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-1000000}"; rounds="${2:-2}"; heaps="${3:-}"; xmx="${XMX:-2g}"
cd "$root"
J="$root/bench-spark/scripts/java.sh"
W="${WORK:-$(mktemp -d)}"; mkdir -p "$W"
echo "work folder $W; N=$n rounds=$rounds Xmx=$xmx; $(nproc) cores; $(java -version 2>&1 | head -1)"
[ -f "$W/corpus-$n.jsonl" ] || "$J" org.distill4j.bench.spark.DedupCorpus write "$n" "$W/corpus-$n.jsonl"
# Both launchers build their jars when sources changed: do that now, outside the clocks.
./distill --version >/dev/null
./distill-spark --version >/dev/null
printf 'filters:\n  - type: exact-dedup\n  - type: near-dedup\n    threshold: 0.8\n' > "$W/chain.yaml"

# side NAME HEAP OUT: one command under /usr/bin/time; prints "wall cpu rss_mib" or "failed"
side() {
  local name=$1 heap=$2 out=$3 rc=0
  rm -rf "$out"
  if [ "$name" = local ]; then
    DISTILL_NO_CDS=1 DISTILL_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f '%e %U %S %M' -o "$W/time" \
      ./distill filter --in "$W/corpus-$n.jsonl" --filters "$W/chain.yaml" --out "$out" \
      >"$W/$name.log" 2>&1 || rc=$?
  else
    DISTILL_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f '%e %U %S %M' -o "$W/time" \
      ./distill-spark dedup --master 'local[2]' --chain "$W/chain.yaml" \
      --in "$W/corpus-$n.jsonl" --out "$out" >"$W/$name.log" 2>&1 || rc=$?
  fi
  if [ $rc -ne 0 ]; then echo "failed (exit $rc: $(grep -m1 -o -E 'out of memory \([^)]*\)|OutOfMemoryError|Java heap space|[^ ]*Exception[^ ]*' "$W/$name.log" || true))"; return; fi
  awk '{printf "%.1f s wall, %.1f s CPU, %.0f MiB peak RSS\n", $1, $2 + $3, $4 / 1024}' "$W/time"
}

for ((r = 1; r <= rounds; r++)); do
  if ((r % 2 == 1)); then order=(local spark); else order=(spark local); fi
  for s in "${order[@]}"; do echo "round $r $s: $(side "$s" "$xmx" "$W/out-$s")"; done
done
"$J" org.distill4j.bench.spark.DedupCorpus compare "$W/out-local" "$W/out-spark"
if cmp -s "$W/out-local/funnel.json" "$W/out-spark/funnel.json"; then echo "funnel.json: the same"; else
  echo "funnel.json differs:"; diff "$W/out-local/funnel.json" "$W/out-spark/funnel.json" | head -20; fi
for h in $heaps; do
  for s in local spark; do echo "heap ${h} MiB $s: $(side "$s" "${h}m" "$W/heap-$s")"; done
done
