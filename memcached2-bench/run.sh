#!/usr/bin/env bash
# Runs the side-by-side load benchmark (default) or the JMH micro-benchmarks (first argument "jmh"), building
# memcached2-bench first when its jar is missing or older than the sources it is built from.
#
#   memcached2-bench/run.sh [--servers host:port,...] [--rounds 3] [--warmup 5s] [--duration 10s] [--out r.json]
#   memcached2-bench/run.sh jmh [JMH options, e.g. TranscoderBenchmark -f 1]
#
# The load benchmark's JVM runs under `taskset -c 1` (BENCH_CLIENT_CPUS overrides) so it does not share a CPU
# with the local memcached, which the benchmark pins to CPU 0. JVM options: BENCH_JAVA_OPTS (default: fixed 1 GB
# heap, so no client pays for heap growth the others inherit). BENCH_JAVA: the java binary (default: java on PATH).
set -euo pipefail

module="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$module")"
jar="$module/target/benchmarks.jar"

sources=()
for path in "$module/pom.xml" "$module/src" "$root/pom.xml" "$root/memcached2-core/src" "$root/memcached2-load/src" "$root/memcached2-testkit/src"; do
  [[ -e "$path" ]] && sources+=("$path")
done
if [[ ! -f "$jar" || -n "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]]; then
  (cd "$root" && ./mvnw -B -ntp -q -pl memcached2-bench -am package -DskipTests) >&2
fi

if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec "${BENCH_JAVA:-java}" -cp "$jar" org.openjdk.jmh.Main "$@"
fi

pin=()
cpus="${BENCH_CLIENT_CPUS:-1}"
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
  pin=(taskset -c "$cpus")
else
  echo "run.sh: taskset or a second CPU missing; the benchmark JVM is not pinned" >&2
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "${pin[@]}" "${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" "$@"
