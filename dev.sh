#!/usr/bin/env bash
# Starts the platform in dev mode: embedded PostgreSQL and Kafka plus the services, in one process.
#   ./dev.sh           keep the data of the last run (under .dev-data/)
#   ./dev.sh --fresh   start from empty databases and topics
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
./mvnw -B -q -DskipTests install -pl dev-platform -am
exec "$JAVA_HOME/bin/java" -jar dev-platform/target/dev-platform.jar "$@"
