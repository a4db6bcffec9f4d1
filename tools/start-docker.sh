#!/bin/sh
# Makes sure a Docker engine answers, for the system tier. With systemd as PID 1 it starts
# docker.service; elsewhere (a build machine without systemd) it starts dockerd by hand on the host's
# network only: no bridge, no iptables rules. Needs root.
set -eu
if docker info >/dev/null 2>&1; then
    exit 0
fi
if [ -d /run/systemd/system ] && systemctl start docker.service 2>/dev/null; then
    :
else
    echo "start-docker: starting dockerd (log: /var/log/siren-test-dockerd.log)"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false >/var/log/siren-test-dockerd.log 2>&1 &
fi
for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        exit 0
    fi
    sleep 1
done
echo "start-docker: the Docker engine did not come up; see /var/log/siren-test-dockerd.log" >&2
exit 1
