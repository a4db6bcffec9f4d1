#!/bin/sh
# Makes sirenctl's class-data archive: a static archive of the classes that training runs load,
# the JDK's with ours and picocli's (a dynamic archive cannot hold picocli's classes, which are of
# Java 5's class-file version). The training runs are 'sirenctl list' on the system bus when there is
# one (read-only; else against /dev/null, where it fails at once after loading the connection's
# classes) and 'sirenctl build --help'. The JVM uses the archive only with the very class path and JDK
# it was made with, and ignores it otherwise.
# Usage: make-cds-archive.sh CLASSPATH ARCHIVE [BUS-ADDRESS]
set -u
classpath=$1 archive=$2
rm -f "$archive"
bus=${3:-unix:path=/run/dbus/system_bus_socket}
[ -n "${3:-}" ] || [ -S /run/dbus/system_bus_socket ] || bus=unix:path=/dev/null
lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k"
train() { # name, then sirenctl's arguments
    list=$lists/$1.classes
    shift
    DBUS_SYSTEM_BUS_ADDRESS=$bus java $flags -Xshare:off -XX:DumpLoadedClassList="$list" -cp "$classpath" \
        org.siren.client.Sirenctl "$@" >/dev/null 2>&1
}
train list list
train help build --help
sort -u "$lists"/*.classes > "$lists/all"
java $flags -Xshare:dump -XX:SharedClassListFile="$lists/all" -XX:SharedArchiveFile="$archive" \
    -cp "$classpath" >/dev/null 2>&1
chmod 644 "$archive" 2>/dev/null
[ -s "$archive" ] || { echo "make-cds-archive: no archive made; sirenctl starts without one" >&2; rm -f "$archive"; }
exit 0
