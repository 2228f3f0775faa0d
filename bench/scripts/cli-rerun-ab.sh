#!/usr/bin/env bash
# Times a rerun of a finished 10,000-seed `distill generate` from the command line, three ways in
# each round (the order rotates between rounds): an older build's jar, this checkout's jar, and
# this checkout's jar mapping a CDS archive as ./distill does. The stand-in teacher runs in its
# own process on 127.0.0.1.
#
#   bench/scripts/cli-rerun-ab.sh OLD_JAR      e.g. a worktree of an older commit, built with
#                                              mvn -pl cli -am package -DskipTests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
old="${1:?usage: cli-rerun-ab.sh OLD_JAR}"
new="$root/cli/target/distill-cli.jar"
W=$(mktemp -d); cd "$root"
trap 'exec 3>&-; rm -rf "$W"' EXIT
for ((i=0;i<10000;i++)); do echo "Passage $i: the river rises in the hills, runs $((i % 97)) miles to the sea, and floods every spring."; done > $W/seeds.txt
mkfifo $W/t.in
java -Xmx512m -cp "bench/target/classes:bench/target/lib/*" org.distill4j.bench.generation.LocalChatServer 0 128 <$W/t.in >$W/t.url &
exec 3>$W/t.in
for _ in $(seq 50); do [ -s $W/t.url ] && break; sleep 0.2; done
url=$(head -1 $W/t.url)
args=(generate --recipe prompts/qa-from-passage.yaml --seeds $W/seeds.txt --field passage=0 --teacher openai --model bench --base-url $url --out $W/run --concurrency 64 --progress none)
sec() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo "scale=2; ($t1-$t0)/1000000000" | bc; }
quiet=(-Xlog:cds=off -Xlog:cds+dynamic=off)
echo "first run: $(sec java -jar $new "${args[@]}") s"
java "${quiet[@]}" -XX:ArchiveClassesAtExit=$W/a.jsa -jar $new "${args[@]}" >/dev/null 2>&1
for r in 1 2 3 4 5 6; do
  declare -A t
  order=(old new cds); k=$((r % 3)); order=("${order[@]:$k}" "${order[@]:0:$k}")
  for side in "${order[@]}"; do
    case $side in
      old) t[old]=$(sec java -jar $old "${args[@]}");;
      new) t[new]=$(sec java -jar $new "${args[@]}");;
      cds) t[cds]=$(sec java "${quiet[@]}" -XX:SharedArchiveFile=$W/a.jsa -jar $new "${args[@]}");;
    esac
  done
  v=$(sec java -jar $new --version); vc=$(sec java "${quiet[@]}" -XX:SharedArchiveFile=$W/a.jsa -jar $new --version)
  echo "round $r (first: ${order[0]}): old ${t[old]} s, new ${t[new]} s, new+CDS ${t[cds]} s; --version ${v} s, with CDS ${vc} s; load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "teacher served $(curl -s "${url%/v1}/requests") requests (10000 expected)"
