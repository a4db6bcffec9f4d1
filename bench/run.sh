#!/bin/sh
# Runs siren's benchmarks side by side with docker build and cp -a, and prints a table and one
# "BENCH name value unit" line per figure: first sirend on a private bus (Benchmarks.java), then
# siren installed in a booted systemd host (booted-host.sh). Needs root, Docker and Debian's mirror
# (a debootstrapped base, cached in /var/cache/siren-bench). Usage: sudo bench/run.sh [--quick]
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
    echo "bench/run.sh: needs root: sudo bench/run.sh" >&2
    exit 1
fi
sh tools/test-deps.sh
sh tools/start-docker.sh
mvn -B -q -Pbench -DskipTests install
java -Xss512k -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath)" org.siren.bench.Benchmarks "$@"
runs=7
case " $* " in *" --quick "*) runs=3 ;; esac
exec sh bench/booted-host.sh "$runs"
