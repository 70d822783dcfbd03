#!/usr/bin/env bash
# Regenerates docs/BENCHMARKS.md: the side-by-side benchmark (memcached2-bench/run.sh, default 3 rounds) on Java 17
# and again on Java 25, each run's section (BenchmarksPage) under one header with the machine's notes.
#
#   scripts/benchmarks.sh [--page-out docs/BENCHMARKS.md] [run.sh options, e.g. --rounds 1 --duration 500ms]
#
# Java 17: JAVA17_HOME, else java on PATH. Java 25: JAVA25_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64; skipped
# with one line when absent. Run it on a quiet machine: only ratios from one run mean anything.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docs/BENCHMARKS.md"
if [[ "${1:-}" == "--page-out" ]]; then
  out="$2"
  shift 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java17="${JAVA17_HOME:+$JAVA17_HOME/bin/java}"
java17="${java17:-java}"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
sections=()
for java in "$java17" "$java25"; do
  if ! command -v "$java" >/dev/null 2>&1; then
    echo "benchmarks.sh: $java not found; that Java's section is skipped" >&2
    continue
  fi
  page="$work/section-${#sections[@]}.md"
  echo "benchmarks.sh: running on $("$java" -version 2>&1 | head -1)" >&2
  BENCH_JAVA="$java" "$root/memcached2-bench/run.sh" "$@" --page "$page" >/dev/null
  sections+=("$page")
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "<!-- Produced by: scripts/benchmarks.sh $* (started $started). Do not edit by hand. -->"
  echo "# memcached2 side-by-side load benchmark"
  echo
  echo "memcached2 against spymemcached, xmemcached and Folsom, with a C ping-pong client as the reference for"
  echo "one connection, on Java 17 and Java 25. Ratios (memcached2 / best peer, memcached2 / C ping-pong) are the"
  echo "figures to read; absolute rates swing with the machine. Goals are those of issue 15."
  echo
  echo "## Machine"
  echo
  echo "- $(nproc --all) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
       "$(uname -sr)"
  echo "- load average (1, 5, 15 min) at start: $load_start; at end: $load_end"
  echo "- pinning: local memcached on CPU 0 (taskset), the benchmark JVM and the C client on" \
       "CPU ${BENCH_CLIENT_CPUS:-1} (run.sh); each section states what the kernel allowed"
  for section in "${sections[@]}"; do
    echo
    cat "$section"
  done
} >"$out"
echo "benchmarks.sh: wrote $out" >&2
