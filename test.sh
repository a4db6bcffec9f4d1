#!/bin/sh
# Runs siren's whole test suite: unit tests; the integration tier (root: a private system bus with
# siren's policy, the real polkitd, real overlayfs and systemd-nspawn, test users); and the system
# tier (siren installed in a booted Debian host in Docker, used as the README says).
# Installs the packages it needs when they are missing and starts a Docker engine if none runs.
set -eu
cd "$(dirname "$0")"
if [ "$(id -u)" != 0 ]; then
    echo "test.sh: the integration tests need root; run: sudo ./test.sh" >&2
    exit 1
fi
sh tools/test-deps.sh
sh tools/start-docker.sh
exec mvn -B verify "$@"
