#!/bin/sh
# A minimal Debian 12 (bookworm) base with systemd, so that machinectl can boot what is built on it.
# It has no FROM: it runs on the host, with the host's debootstrap, and can write only to $root.
. `dirname $0`/siren
ID debian 12
mirror=$(sed -n 's|^URIs: *\(https\{0,1\}://[^ ]*/debian/\{0,1\}\)$|\1|p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm $root ${mirror:-http://deb.debian.org/debian}
SET /etc/hostname debian
