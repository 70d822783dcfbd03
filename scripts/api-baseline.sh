#!/usr/bin/env bash
# Writes memcached2-core/api/baseline.jar, the API japicmp compares every build of memcached2-core against:
# the classes of the exported packages (read from module-info) of the jar built now, nothing else.
# There is no released version yet, so the baseline is the surface as intended today; rerun this (and commit the
# jar) only when an API change is meant, e.g. at a release. Usage: scripts/api-baseline.sh (after ./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
jar_file=$(ls memcached2-core/target/memcached2-core-*.jar | grep -v -e sources -e javadoc | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && jar xf "$OLDPWD/$jar_file")
exports=$(javap "$work/module-info.class" | awk '$1 == "exports" {print $2}' | sed 's/;$//' | sort -u)
[ -n "$exports" ] || { echo "no exports found in $jar_file" >&2; exit 1; }
mkdir -p "$work/api" memcached2-core/api
for pkg in $exports; do
    dir=${pkg//.//}
    mkdir -p "$work/api/$dir"
    find "$work/$dir" -maxdepth 1 -name '*.class' -exec cp {} "$work/api/$dir/" \;
done
rm -f memcached2-core/api/baseline.jar
# A fixed date: the same classes give the same bytes (javac 17 built the committed one; another javac differs
# in bytes but not in API, which is all japicmp compares).
jar --create --file memcached2-core/api/baseline.jar --date 2026-01-01T00:00:00Z -C "$work/api" .
echo "wrote memcached2-core/api/baseline.jar from $jar_file (packages: $(echo $exports))"
