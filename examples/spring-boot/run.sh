#!/usr/bin/env bash
# Runs the example against a throwaway memcached on a free local port, then stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v memcached >/dev/null || { echo "memcached is not installed: apt-get install memcached" >&2; exit 1; }

cd "$root"
./mvnw -q -B -ntp -pl examples/spring-boot -am install -DskipTests
./mvnw -q -B -ntp -f examples/spring-boot/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
user_opt=()
[ "$(id -u)" = 0 ] && user_opt=(-u nobody)
memcached -l 127.0.0.1 -p "$port" -U 0 -m 64 "${user_opt[@]}" &
mc_pid=$!
trap 'kill "$mc_pid" 2>/dev/null || true; wait "$mc_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "memcached on 127.0.0.1:$port (pid $mc_pid)"

java -cp "examples/spring-boot/target/classes:$(cat examples/spring-boot/target/classpath.txt)" \
  io.memcached2.example.ExampleApplication "--memcached2.servers=memcached://127.0.0.1:$port/" "$@"
