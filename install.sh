#!/bin/sh
# Installs siren: jars, launchers, the systemd unit, bus policy and activation, polkit actions,
# completion and documentation; then (unless DESTDIR is set or --no-start is given) reloads
# systemd and the bus and starts siren.service.
#
#   sudo ./install.sh                 build if needed, install under /usr, start the service
#   DESTDIR=/tmp/pkg ./install.sh     stage the files only (for packaging)
#   PREFIX=/usr/local sudo ./install.sh
#
# Uses siren-daemon/target and siren-client/target when they are built; otherwise builds them
# with Maven (installing Maven and a JDK 17 from the distribution when they are missing).
set -eu

usage() {
    sed -n '2,12s/^# \{0,1\}//p' "$0"
}

START=yes
DEPS=yes
for arg in "$@"; do
    case "$arg" in
        --no-start) START=no ;;
        --no-deps) DEPS=no ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument '$arg'; see --help" >&2; exit 2 ;;
    esac
done

SRC=$(cd "$(dirname "$0")" && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr}
DATADIR=$PREFIX/share
LIBEXECDIR=$PREFIX/libexec/siren
UNITDIR=${UNITDIR:-$PREFIX/lib/systemd/system}

say() { printf '%s\n' "install.sh: $*"; }

need_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "install.sh: run as root (sudo ./install.sh), or set DESTDIR to stage files" >&2
        exit 1
    fi
}

apt_install() {
    missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        say "installing$missing"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null || {
            apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null; }
    fi
}

built() {
    ls "$SRC"/siren-daemon/target/siren-daemon-*.jar >/dev/null 2>&1 \
        && ls "$SRC"/siren-client/target/siren-client-*.jar >/dev/null 2>&1 \
        && [ -d "$SRC/siren-daemon/target/lib" ] && [ -d "$SRC/siren-client/target/lib" ]
}

if [ -z "$DESTDIR" ]; then
    need_root
    if [ "$DEPS" = yes ] && command -v apt-get >/dev/null; then
        apt_install openjdk-17-jre-headless systemd-container dbus polkitd debootstrap attr acl zstd xz-utils
    fi
fi

if ! built; then
    if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
        [ "$DEPS" = yes ] && command -v apt-get >/dev/null && need_root && apt_install maven openjdk-17-jdk-headless
    fi
    say "building with Maven (first build downloads dependencies)"
    (cd "$SRC" && mvn -B -q -DskipTests package)
fi

install_file() { # mode source target
    mkdir -p "$(dirname "$3")"
    install -m "$1" "$2" "$3"
}

subst() { # mode source target
    mkdir -p "$(dirname "$3")"
    sed -e "s|@DATADIR@|$DATADIR|g" -e "s|@LIBEXECDIR@|$LIBEXECDIR|g" "$2" > "$3"
    chmod "$1" "$3"
}

say "installing into ${DESTDIR:-/}${PREFIX}"
for part in daemon client; do
    dir=$DESTDIR$DATADIR/siren/$part
    rm -rf "$dir"
    mkdir -p "$dir"
    install -m 0644 "$SRC"/siren-$part/target/siren-$part-*[0-9T].jar "$dir/"
    install -m 0644 "$SRC"/siren-$part/target/lib/*.jar "$dir/"
done
subst 0755 "$SRC/packaging/sirenctl.in" "$DESTDIR$PREFIX/bin/sirenctl"
subst 0755 "$SRC/packaging/sirend.in" "$DESTDIR$LIBEXECDIR/sirend"
subst 0644 "$SRC/systemd/siren.service" "$DESTDIR$UNITDIR/siren.service"
install_file 0644 "$SRC/systemd/org.siren.Builder.conf" "$DESTDIR$DATADIR/dbus-1/system.d/org.siren.Builder.conf"
install_file 0644 "$SRC/systemd/org.siren.Builder.service" "$DESTDIR$DATADIR/dbus-1/system-services/org.siren.Builder.service"
install_file 0644 "$SRC/systemd/org.siren.policy" "$DESTDIR$DATADIR/polkit-1/actions/org.siren.policy"
for xml in "$SRC"/dbus-interfaces/src/main/resources/org/siren/dbus/*.xml; do
    install_file 0644 "$xml" "$DESTDIR$DATADIR/dbus-1/interfaces/$(basename "$xml")"
done
install_file 0644 "$SRC/systemd/50-siren.rules" "$DESTDIR$DATADIR/doc/siren/50-siren.rules"
install_file 0644 "$SRC/README.md" "$DESTDIR$DATADIR/doc/siren/README.md"
mkdir -p "$DESTDIR$DATADIR/bash-completion/completions"
java -cp "$DESTDIR$DATADIR/siren/client/*" org.siren.client.Sirenctl completion \
    > "$DESTDIR$DATADIR/bash-completion/completions/sirenctl"

if [ -n "$DESTDIR" ] || [ "$START" = no ]; then
    say "files installed; not starting the service"
    exit 0
fi

getent group siren >/dev/null || groupadd --system siren
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    busctl call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ReloadConfig >/dev/null 2>&1 || true
    systemctl enable --now siren.service
    systemctl restart siren.service
    say "siren.service is $(systemctl is-active siren.service)"
    sh "$SRC/packaging/make-cds-archive.sh" "$DATADIR/siren/client/*" "$DATADIR/siren/client/sirenctl.jsa"
else
    say "systemd is not running as PID 1 here: start $LIBEXECDIR/sirend yourself"
fi
cat <<MSG
install.sh: done. To let user NAME build without a password:
    sudo usermod -aG siren NAME
    sudo cp $DATADIR/doc/siren/50-siren.rules /etc/polkit-1/rules.d/
MSG
