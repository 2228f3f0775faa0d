#!/usr/bin/env bash
# Times a rerun of `distill generate` from the command line, JVM start included, against the
# stand-in teacher (LocalChatServer) running as its own process on 127.0.0.1.
#
#   bench/scripts/cli-rerun.sh [SEEDS] [RUNS]      (defaults: 10000 seeds, 5 timed reruns)
#
# Needs cli/target/distill-cli.jar and bench/target/classes + bench/target/lib (mvn -pl cli,bench
# -am package -DskipTests). Prints the first run's time, each rerun's whole-process wall time and
# that of `distill --version` (a JVM start plus the command line's own start-up: the floor any
# rerun pays), alternating rerun and --version in each round.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-10000}"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'exec 3>&-; rm -rf "$work"' EXIT
for ((i = 0; i < n; i++)); do
  echo "Passage $i: the river rises in the hills, runs $((i % 97)) miles to the sea, and floods every spring."
done >"$work/seeds.txt"

# The teacher serves until its standard input closes: fd 3 holds that pipe open.
mkfifo "$work/teacher.in"
java -Xmx512m -cp "$root/bench/target/classes:$root/bench/target/lib/*" \
  org.distill4j.bench.generation.LocalChatServer 0 128 <"$work/teacher.in" >"$work/teacher.url" &
exec 3>"$work/teacher.in"
for _ in $(seq 50); do [ -s "$work/teacher.url" ] && break; sleep 0.2; done
url="$(head -1 "$work/teacher.url")"

# DISTILL_JAVA_OPTS as for ./distill, e.g. -XX:StartFlightRecording=filename=/tmp/rerun-%p.jfr
# to profile every run (one file per process).
read -r -a opts <<<"${DISTILL_JAVA_OPTS:-}"
distill=(java "${opts[@]}" -jar "$root/cli/target/distill-cli.jar")
gen=("${distill[@]}" generate --recipe "$root/prompts/qa-from-passage.yaml" --seeds "$work/seeds.txt"
  --field passage=0 --teacher openai --model bench --base-url "$url" --out "$work/run"
  --concurrency 64 --progress none)

seconds() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo "scale=3; ($t1 - $t0) / 1000000000" | bc; }

echo "first run ($n seeds, $(curl -s "${url%/v1}/requests") requests served so far): $(seconds "${gen[@]}") s"
echo "teacher served $(curl -s "${url%/v1}/requests") requests"
for ((r = 1; r <= runs; r++)); do
  if ((r % 2)); then a=$(seconds "${gen[@]}"); b=$(seconds "${distill[@]}" --version)
  else b=$(seconds "${distill[@]}" --version); a=$(seconds "${gen[@]}"); fi
  echo "round $r: rerun $a s, distill --version $b s"
done
echo "teacher served $(curl -s "${url%/v1}/requests") requests in all (the reruns must add none)"
