#!/usr/bin/env bash
# Starts the platform in dev mode: embedded PostgreSQL and Kafka plus the services, in one process.
#   ./dev.sh           keep the data of the last run (under .dev-data/)
#   ./dev.sh --fresh   start from empty databases and topics
# On a JDK 25 the first run after a build records an AOT cache when it stops (about 30 s more at
# Ctrl-C); every later start loads it and is ready and warm sooner (AOT_CACHE=off: without it).
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
./mvnw -B -q -DskipTests install -pl dev-platform -am
source bin/aot-cache.sh dev-platform/target/dev-platform.jar dev-platform/target/aot
case "$AOT_STATE" in
  train) echo "dev mode: this run records the AOT cache for the next starts (written at Ctrl-C, ~30 s)" ;;
  use) echo "dev mode: starting with the AOT cache of this build" ;;
esac
exec "$JAVA_HOME/bin/java" "${AOT_FLAGS[@]}" -jar "$AOT_JAR" "$@"
