#!/usr/bin/env bash
# Benchmarks against a running platform (start it first with ./dev.sh, which also builds the jar used here).
#   ./bench.sh [clients=16] [seconds=30] [baseUrl=http://localhost:8081] [warmupSeconds=20]
#       POST /orders, closed loop: accepted orders/s and latency
#   ./bench.sh fulfillment [ordersPerSecond=150] [seconds=30] [rejectedPercent=20] [warmupSeconds=15]
#       place -> confirmed / rejected latency at a fixed rate, then the stock invariants
#   ./bench.sh visible [ordersPerSecond=150] [seconds=30] [warmupSeconds=10]
#       202 on POST /orders -> visible in projection-service's GET /orders/{id}?minVersion
#   ./bench.sh rebuild [events=1000000] [mode=side-by-side|in-place]
#       appends a history of order events, then times a rebuild of the projections from it
#   ./bench.sh republish [events=200000] [baseUrl] [jdbcUrl] [kafka] [topic]
#       grows order-command's event store, then times POST /admin/relay/republish and audits the topic
#   ./bench.sh chaos [full|short|scale|PROCESS] [ordersPerSecond=20] [pauseSeconds=10] [settleSeconds=20]
#       against ./cluster.sh: kills -9 brokers, instances, PostgreSQL and the load balancer under load,
#       then audits the topics (docs/resilience.md)
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
if [ "${1:-}" = "republish" ]; then shift; exec bin/republish-bench.sh "$@"; fi
[ -f dev-platform/target/dev-platform.jar ] || ./mvnw -B -q -DskipTests install -pl dev-platform -am
if [ "${1:-}" = "visible" ] || [ "${1:-}" = "rebuild" ]; then
  mode="$1"
  shift
  exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar "$mode-bench" "$@"
fi
if [ "${1:-}" = "chaos" ]; then
  shift
  exec "$JAVA_HOME/bin/java" -Xmx512m -jar dev-platform/target/dev-platform.jar chaos "$@"
fi
if [ "${1:-}" = "fulfillment" ]; then
  shift
  exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar fulfillment-bench "$@"
fi
exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar bench "$@"
