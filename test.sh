#!/usr/bin/env bash
# Builds everything and runs the whole test suite against real (embedded) PostgreSQL and Kafka.
# Extra arguments go to Maven, e.g. ./test.sh -Ptestcontainers where a Docker engine exists.
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
exec ./mvnw -B verify "$@"
