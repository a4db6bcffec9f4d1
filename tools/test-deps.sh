#!/bin/sh
# Installs the Debian packages siren's tests use, when they are missing. Idempotent; needs root.
set -eu
PACKAGES="maven openjdk-17-jdk-headless dbus dbus-bin polkitd systemd-container debootstrap util-linux docker.io attr acl zstd xz-utils"
missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "test-deps: installing$missing"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi
