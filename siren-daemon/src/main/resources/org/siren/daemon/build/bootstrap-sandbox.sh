#!/bin/sh
# The sandbox of base builds (scripts without FROM), run by sirend under unshare(1) in new mount,
# pid, ipc and uts namespaces. The new layer, the context, siren's library and the report directory
# are bound to fixed places under a private tmpfs at /run/siren/sandbox; then every mount is made
# read-only except the new layer (nosuid; not nodev, which debootstrap refuses) and the report
# directory; /tmp and /var/tmp are
# private. The script runs with the host's tools, $root set to the new layer, cwd the context, and
# a reduced capability bounding set.
# Arguments: LAYER CONTEXT LIB REPORT
set -eu
layer=$1 context=$2 lib=$3 report=$4
box=/run/siren/sandbox

mount --make-rprivate /
mkdir -p "$box"
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$box"
mkdir "$box/root" "$box/context" "$box/lib" "$box/report"
mount --bind "$layer" "$box/root"
mount --bind "$context" "$box/context"
mount --bind "$lib" "$box/lib"
mount --bind "$report" "$box/report"
findmnt --raw --noheadings --output TARGET | sort -r | while read -r target; do
    target=$(printf '%b' "$target")
    case "$target" in
        /proc|/proc/*|/sys|/sys/*|/dev|/dev/*|"$box/root"|"$box/report") continue ;;
    esac
    mount -o remount,bind,ro "$target" 2>/dev/null || true
done
mount -o remount,bind,nosuid "$box/root"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp
mount -t proc -o nosuid,nodev,noexec proc /proc

cd "$box/context"
export root="$box/root" SIREN_REPORT="$box/report" SIREN_SCRIPT="$box/lib/build.sh"
exec setpriv --bounding-set=-sys_module,-sys_boot,-sys_time,-sys_rawio,-syslog,-wake_alarm,-block_suspend,-mac_admin,-mac_override,-audit_control,-audit_read,-sys_pacct,-sys_resource,-sys_tty_config,-lease,-linux_immutable,-net_admin,-ipc_lock,-bpf,-perfmon \
    /bin/sh -c 'if command -v bash >/dev/null 2>&1; then BASH_ENV="$1" exec bash "$2"; else exec sh -c ". \"\$1\"; . \"\$0\"" "$2" "$1"; fi' \
    sh "$box/lib/siren" "$box/lib/build.sh"
