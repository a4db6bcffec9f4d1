#!/bin/sh
# Makes sirenctl's class-data archive: one training run that loads the classes of a bus call (it
# fails at once on purpose, against a bus that does not exist), dumped at exit. The archive is only
# used with the very class path it was made with (the JVM checks, and ignores it otherwise).
# Usage: make-cds-archive.sh CLASSPATH ARCHIVE
set -u
classpath=$1 archive=$2
rm -f "$archive"
DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent/siren-training java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:-UsePerfData -Xss512k -XX:ArchiveClassesAtExit="$archive" -cp "$classpath" org.siren.client.Sirenctl list \
    >/dev/null 2>&1
chmod 644 "$archive" 2>/dev/null
[ -s "$archive" ] || { echo "make-cds-archive: no archive made; sirenctl starts without one" >&2; rm -f "$archive"; }
exit 0
