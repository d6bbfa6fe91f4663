#!/usr/bin/env bash
# Load benchmark of POST /orders against a running platform (start it first with ./dev.sh, which also builds the jar used here).
#   ./bench.sh [clients=16] [seconds=30] [baseUrl=http://localhost:8081] [warmupSeconds=20]
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
[ -f dev-platform/target/dev-platform.jar ] || ./mvnw -B -q -DskipTests install -pl dev-platform -am
exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar bench "$@"
