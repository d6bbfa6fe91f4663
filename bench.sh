#!/usr/bin/env bash
# Benchmarks against a running platform (start it first with ./dev.sh, which also builds the jar used here).
#   ./bench.sh [clients=16] [seconds=30] [baseUrl=http://localhost:8081] [warmupSeconds=20]
#       POST /orders, closed loop: accepted orders/s and latency
#   ./bench.sh fulfillment [ordersPerSecond=150] [seconds=30] [rejectedPercent=20] [warmupSeconds=15]
#       place -> confirmed / rejected latency at a fixed rate, then the stock invariants
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
[ -f dev-platform/target/dev-platform.jar ] || ./mvnw -B -q -DskipTests install -pl dev-platform -am
if [ "${1:-}" = "fulfillment" ]; then
  shift
  exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar fulfillment-bench "$@"
fi
exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar bench "$@"
