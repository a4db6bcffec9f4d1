#!/bin/sh
# Makes sirenctl's class-data archive: one training run that loads the classes of a bus call, dumped
# at exit: 'sirenctl list' on the system bus when there is one (read-only), else against /dev/null,
# where it fails at once after loading the connection's classes. The archive is only
# used with the very class path it was made with (the JVM checks, and ignores it otherwise).
# Usage: make-cds-archive.sh CLASSPATH ARCHIVE [BUS-ADDRESS]
set -u
classpath=$1 archive=$2
rm -f "$archive"
bus=${3:-unix:path=/run/dbus/system_bus_socket}
[ -n "${3:-}" ] || [ -S /run/dbus/system_bus_socket ] || bus=unix:path=/dev/null
DBUS_SYSTEM_BUS_ADDRESS=$bus java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:-UsePerfData -Xss512k -XX:ArchiveClassesAtExit="$archive" -cp "$classpath" org.siren.client.Sirenctl list \
    >/dev/null 2>&1
chmod 644 "$archive" 2>/dev/null
[ -s "$archive" ] || { echo "make-cds-archive: no archive made; sirenctl starts without one" >&2; rm -f "$archive"; }
exit 0
