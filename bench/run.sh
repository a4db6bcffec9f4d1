#!/bin/sh
# Runs siren's benchmarks side by side with docker build and cp -a, and prints a table and one
# "BENCH name value unit" line per figure. Needs root, Docker and Debian's mirror (a debootstrapped
# base, cached in /var/cache/siren-bench). Usage: sudo bench/run.sh [--quick]
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
    echo "bench/run.sh: needs root: sudo bench/run.sh" >&2
    exit 1
fi
sh tools/test-deps.sh
sh tools/start-docker.sh
mvn -B -q -Pbench -DskipTests install
exec java -Xss512k -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath)" org.siren.bench.Benchmarks "$@"
