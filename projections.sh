#!/usr/bin/env bash
# The projections' replay from a terminal (projection-service must be running, e.g. with ./dev.sh):
#   ./projections.sh status                          versions, state, lag, events/s, ETA
#   ./projections.sh rebuild side-by-side            build the next version while this one serves, then switch
#   ./projections.sh rebuild in-place                stop, reset offsets and state, rebuild (reads answer 503 meanwhile)
#   ./projections.sh follow                          follow a rebuild until the views are served again
#   ./projections.sh --url http://host:8084 ...      talk to another instance
set -euo pipefail
cd "$(dirname "$0")"
source bin/java-home.sh
exec "$JAVA_HOME/bin/java" bin/ProjectionsCli.java "$@"
