#!/usr/bin/env bash
# Checks the spark-submit job jar the way a cluster runs it: the class path is Spark 3.5.9's own
# dependency set (what a Spark distribution's jars/ holds: Jackson 2.15, Guava 16, slf4j 2.0.7),
# resolved alone, followed by the job jar. Runs `dedup` on 20,000 synthetic triples and compares
# it with `distill filter` on the same chain (same kept ids in order, same rejected ids, same
# funnel.json and diversity.json), then `generate` on 500 seeds against the stand-in teacher.
#   spark/scripts/check-job-jar.sh          (builds with -Pjob-jar; needs bench and bench-spark)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
W="$(mktemp -d)"; trap 'exec 3>&- 2>/dev/null || true; rm -rf "$W"' EXIT
cd "$root"
mvn -B -q -DskipTests -Pjob-jar -pl spark -am install >/dev/null
jar="$(ls "$root"/spark/target/distill4j-spark-*-job.jar)"
version="$(sed -n 's|.*<spark.version>\(.*\)</spark.version>.*|\1|p' spark/pom.xml)"
mkdir -p "$W/dist"
cat > "$W/dist/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId><artifactId>spark-dist</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
    <version>$version</version></dependency></dependencies></project>
POM
(cd "$W/dist" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$W/spark.cp" >/dev/null)
opens=(-Djdk.reflect.useDirectMethodHandle=false)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action \
    sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
job() { java "${opens[@]}" -cp "$(cat "$W/spark.cp"):$jar" org.distill4j.spark.SparkMain "$@" \
  --master 'local[2]' >"$W/job.log" 2>&1 || { grep -v ' INFO ' "$W/job.log" | tail -20; exit 1; }; }
echo "job jar $(du -h "$jar" | cut -f1), Spark $version's own class path: $(tr ':' '\n' < "$W/spark.cp" | wc -l) jars"

bench-spark/scripts/java.sh org.distill4j.bench.spark.DedupCorpus write 20000 "$W/c.jsonl" >/dev/null
printf 'filters:\n  - type: exact-dedup\n  - type: near-dedup\n    threshold: 0.8\n' > "$W/chain.yaml"
job dedup --chain "$W/chain.yaml" --in "$W/c.jsonl" --out "$W/job"
./distill filter --in "$W/c.jsonl" --filters "$W/chain.yaml" --out "$W/local" >/dev/null
bench-spark/scripts/java.sh org.distill4j.bench.spark.DedupCorpus compare "$W/local" "$W/job"
cmp "$W/local/funnel.json" "$W/job/funnel.json"
cmp "$W/local/diversity.json" "$W/job/diversity.json"
echo "dedup: the same funnel.json and diversity.json as distill filter"

for ((i = 0; i < 500; i++)); do echo "{\"passage\": \"Passage $i: the river runs $((i % 97)) miles to the sea.\"}"; done > "$W/seeds.jsonl"
mkfifo "$W/t.in"
java -cp bench/target/classes org.distill4j.bench.generation.LocalChatServer 0 64 <"$W/t.in" >"$W/t.url" &
exec 3>"$W/t.in"
for _ in $(seq 50); do [ -s "$W/t.url" ] && break; sleep 0.2; done
url="$(head -1 "$W/t.url")"
job generate --partitions 2 --recipe prompts/qa-from-passage.yaml --seeds "$W/seeds.jsonl" \
  --teacher openai --model bench --base-url "$url" --concurrency 16 --out "$W/gen"
served="$(curl -s "${url%/v1}/requests")"
records="$(wc -l < "$W/gen/generated.jsonl")"
echo "generate: the teacher served $served requests for 500 seeds; $records records"
[ "$served" -ge 500 ] && [ "$records" -eq 1000 ]
echo "job jar: OK"
