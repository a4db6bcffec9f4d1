#!/bin/sh
# Runs siren's whole test suite: unit tests, then the integration tier (root: a private system
# bus with siren's policy, the real polkitd, real overlayfs and systemd-nspawn, test users).
# Installs the packages it needs when they are missing.
set -eu
cd "$(dirname "$0")"
if [ "$(id -u)" != 0 ]; then
    echo "test.sh: the integration tests need root; run: sudo ./test.sh" >&2
    exit 1
fi
sh tools/test-deps.sh
exec mvn -B verify "$@"
