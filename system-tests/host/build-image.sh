#!/bin/sh
# Makes the system tier's test host: Debian 12 with systemd as PID 1, the system bus, polkitd,
# systemd-container, debootstrap and a Java 17 runtime, imported into Docker as TAG. Nothing is
# pulled: the tree comes from debootstrap and Debian's mirror. Skips the work if TAG exists.
# Usage: build-image.sh TAG [MIRROR]
set -eu
tag=$1
mirror=${2:-http://deb.debian.org/debian}
if docker image inspect "$tag" >/dev/null 2>&1; then
    echo "build-image: $tag exists"
    exit 0
fi
work=$(mktemp -d /var/tmp/siren-host.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
echo "build-image: debootstrap into $root"
debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,libpam-systemd,polkitd,systemd-container,debootstrap,openjdk-17-jre-headless,attr,acl,zstd,xz-utils,sudo,curl,iproute2,procps,ca-certificates \
    bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }

echo siren-host > "$root/etc/hostname"
: > "$root/etc/machine-id"
chroot "$root" groupadd --system siren
chroot "$root" useradd --create-home --shell /bin/bash --groups siren alice
chroot "$root" useradd --create-home --shell /bin/bash bob
# Containers nested in this Docker container cannot have a virtual ethernet: start them as the stock
# unit does, -U included, on the host's network.
mkdir -p "$root/etc/systemd/system/systemd-nspawn@.service.d"
cat > "$root/etc/systemd/system/systemd-nspawn@.service.d/nested.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=systemd-nspawn --quiet --keep-unit --boot --link-journal=try-guest -U --settings=override --machine=%i
UNIT
# Units that have nothing to do in a container.
for unit in systemd-remount-fs.service getty@tty1.service console-getty.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
echo "build-image: importing as $tag"
tar --numeric-owner -C "$root" -c . | docker import -c 'CMD ["/lib/systemd/systemd"]' - "$tag" >/dev/null
echo "build-image: $tag ready"
