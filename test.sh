#!/usr/bin/env bash
# Builds everything and runs the whole test suite against real (embedded) PostgreSQL and Kafka.
# Extra arguments go to Maven, e.g. ./test.sh -Ptestcontainers where a Docker engine exists.
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
# The cluster-mode chaos test puts HAProxy in front (./cluster.sh); install it where this machine can.
if ! command -v haproxy >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing haproxy (for the cluster-mode test)..."
    apt-get install -y -q haproxy >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q haproxy >/dev/null; }
  else
    echo "haproxy is not installed: the cluster-mode test will fail (sudo apt-get install -y haproxy)" >&2
  fi
fi
exec ./mvnw -B verify "$@"
