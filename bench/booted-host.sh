#!/bin/sh
# Measures siren installed in a booted systemd host, as a user has it: real systemd (units started,
# no FakeSystemd), the installed sirenctl with its class-data archive, polkit. The host is the system
# tier's Debian 12 image (system-tests/host/build-image.sh), booted in Docker with systemd as PID 1;
# siren is installed with install.sh and given the debootstrapped base of bench/run.sh by 'sirenctl
# import'. Prints a table (medians) and one "BENCH name value unit" line per figure, with cp -a of
# the same base, inside the same host, as the peer. Needs root, Docker, and siren built (mvn package).
# Usage: sudo bench/booted-host.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
runs=${1:-7}
base=/var/cache/siren-bench/debian
[ -d "$base/usr/bin" ] || { echo "booted-host: no base at $base; run bench/run.sh first" >&2; exit 1; }
ls siren-daemon/target/siren-daemon-*.jar siren-client/target/siren-client-*.jar >/dev/null 2>&1 \
    || { echo "booted-host: siren is not built; run mvn -DskipTests package" >&2; exit 1; }
tag=siren-system-host:$(sha256sum system-tests/host/build-image.sh | cut -c1-16)
sh system-tests/host/build-image.sh "$tag"

work=$(mktemp -d /var/tmp/siren-booted-bench.XXXXXX)
name=siren-booted-bench-$$
cleanup() {
    docker rm -f "$name" >/dev/null 2>&1 || true
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT
mkdir -p "$work/bundle" "$work/store"
tar --exclude=./.git --exclude=./bench --exclude=./system-tests --exclude=./siren-deb -cf - . | tar -C "$work/bundle" -xf -
tar --numeric-owner -C "$base" -cf "$work/bundle/base.tar" .
# The build of the first part: {RUN, copy a context file, RUN}.
mkdir -p "$work/bundle/bench-context"
printf 'a context file\n' > "$work/bundle/bench-context/file.txt"
printf '%s\n' 'FROM debian' 'ID bench 1' "RUN sh -c 'echo one > /one'" 'cp file.txt $root/file.txt' \
    "RUN sh -c 'cat /file.txt > /two'" > "$work/bundle/bench-context/build.sh"

docker run -d --name "$name" --network host --hostname siren-host \
    --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add MKNOD --cap-add SYS_PTRACE --cap-add SYS_CHROOT \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v "$work/store:/var/lib/siren" -v "$work/bundle:/opt/siren" \
    --tmpfs /run:rw,exec,mode=755 --tmpfs /tmp:rw,exec,mode=1777 -e container=docker \
    "$tag" /lib/systemd/systemd >/dev/null
for _ in $(seq 1 120); do
    state=$(docker exec "$name" systemctl is-system-running 2>/dev/null || true)
    case "$state" in running|degraded) break ;; esac
    sleep 0.5
done
docker exec "$name" sh -c 'cd /opt/siren && { ./install.sh --no-deps && sirenctl import base.tar debian --version 12; } \
    >/var/tmp/setup.log 2>&1 || { cat /var/tmp/setup.log; exit 1; }'

docker exec -e RUNS="$runs" "$name" sh -c '
set -eu
# median of RUNS timings of a command, after an untimed one if given; both may use $i (the run number)
median() {
    all=""
    for i in $(seq 1 "$RUNS"); do
        [ -z "${2:-}" ] || eval "$2"
        s=$(date +%s%N)
        eval "$1" >/dev/null 2>&1 || { echo "booted-host: failed: $1" >&2; exit 1; }
        all="$all $(( ($(date +%s%N) - s) / 1000 ))"
    done
    echo $all | tr " " "\n" | sort -n | awk "{v[NR]=\$1} END {printf \"%.1f\", v[int((NR+1)/2)] / 1000}"
}
bytes=$(du -s --block-size=1M /var/lib/siren/debian | cut -f1)
copy=$(median "cp -a /var/lib/siren/debian /var/tmp/copy\$i" sync)
rm -rf /var/tmp/copy*
new=$(median "sirenctl new n\$i debian")
call=$(median "busctl call org.siren.Builder /org/siren/Builder org.siren.Builder1 NewContainer \"ssa{sv}\" b\$i debian 0")
list=$(median "sirenctl list")
listcall=$(median "busctl call org.siren.Builder /org/siren/Builder org.siren.Builder1 ListImages")
bus=$(median "busctl call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ListNames")
jvm=$(median "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xss512k -version")
sirenctl build -q /opt/siren/bench-context >/dev/null
fresh=$(median "sirenctl build --no-cache /opt/siren/bench-context")
cached=$(median "sirenctl build /opt/siren/bench-context")
reload=$(median "systemctl daemon-reload")
ratio() { awk "BEGIN {printf \"%.3f\", $1 / $2}"; }
echo
echo "siren in a booted systemd host ($(systemctl --version | head -1), $(systemctl list-units --all --no-legend | wc -l) units), medians of $RUNS"
echo
echo "| figure | siren | peer | ratio |"
echo "|---|---|---|---|"
echo "| sirenctl new on a ${bytes} MB base | $new ms | cp -a $copy ms | $(ratio "$new" "$copy") |"
echo "| NewContainer over busctl | $call ms | cp -a $copy ms | $(ratio "$call" "$copy") |"
echo "| sirenctl list | $list ms | a bare JVM $jvm ms | $(ratio "$list" "$jvm") |"
echo "| busctl call ListImages | $listcall ms | busctl call ListNames $bus ms | $(ratio "$listcall" "$bus") |"
echo "| fresh build {RUN, copy, RUN} (a rebuild) | $fresh ms | - | - |"
echo "| unchanged rebuild | $cached ms | - | - |"
echo "| (for reference) systemctl daemon-reload | $reload ms | - | - |"
echo
for f in "host.new $new" "host.new.peer $copy" "host.newcall $call" "host.list $list" "host.jvm $jvm" \
        "host.listcall $listcall" "host.busctl $bus" "host.build.fresh $fresh" "host.build.cached $cached" \
        "host.reload $reload"; do
    echo "BENCH $f ms"
done
'
