#!/usr/bin/env bash
# Republish benchmark against a running command service (dev mode's order-command by default: start it
# first with ./dev.sh, which also installs the modules this uses). Grows the event store to N events with
# SQL, then times POST /admin/relay/republish until the relay's lag is 0 and checks every event is on the topic.
#   bin/republish-bench.sh [events=200000] [baseUrl=http://localhost:8081]
#       [jdbcUrl=jdbc:postgresql://localhost:15432/order_command] [kafka=localhost:9092] [topic=orders.events]
# BENCH_DB_USER / BENCH_DB_PASSWORD (postgres / postgres); BENCH_TRIGGER=manual for a service without the endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/java-home.sh
classpath="$PWD/command-runtime/target/republish-bench.classpath"
./mvnw -B -q test-compile dependency:build-classpath -pl command-runtime \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
exec "$JAVA_HOME/bin/java" -Xmx2g \
  -cp "command-runtime/target/test-classes:command-runtime/target/classes:$(cat "$classpath")" \
  io.orderplatform.runtime.bench.RelayRepublishBenchmark "$@"
