#!/usr/bin/env bash
# Cluster mode: the platform as it is deployed, on one machine. Three KRaft Kafka nodes, PostgreSQL,
# two instances of every service and HAProxy in front, each its own process (docs/operations.md,
# "Cluster mode").
#
#   ./cluster.sh [start] [--fresh]   build if needed, start whatever is not running, print the URLs
#   ./cluster.sh status              every process: role, name, port, PID, health
#   ./cluster.sh stop [NAME]         stop everything (or one process): SIGTERM, SIGKILL after a timeout
#   ./cluster.sh kill NAME           kill -9 one process (kafka-1..3, postgres, order-command-1, ..., lb)
#   ./cluster.sh start NAME          start one process again, with the same identity and data
#   ./cluster.sh scale SERVICE N     run N instances of a service (1-9); the load balancer follows
#   ./cluster.sh topics              every topic's replication, checked against RF 3 / min.insync.replicas 2
#   ./cluster.sh cpu [SECONDS=20]    the CPU each process used over the next SECONDS, busiest first
#
# Data, logs and PID files are under .cluster-data/ (CLUSTER_DATA_DIR); --fresh wipes it first.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

DATA=${CLUSTER_DATA_DIR:-$ROOT/.cluster-data}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
LOGS=$DATA/logs
PIDS=$DATA/pids
BUILT_JAR=$ROOT/dev-platform/target/dev-platform.jar
# The cluster's processes run a copy of the jar, taken when the cluster starts with nothing running: a
# build while it runs (or a `start NAME` after sources changed) cannot change what a running process's
# jar holds, and every instance started later runs the same version as the others.
JAR=$DATA/lib/dev-platform.jar

SERVICES=(order-command inventory-command saga-orchestrator projection-service)
KAFKA_NODES=(kafka-1 kafka-2 kafka-3)
# Node n takes clients on n9092 and its controller on n9093: 19092/19093, 29092/29093, 39092/39093.
KAFKA_VOTERS="1@localhost:19093,2@localhost:29093,3@localhost:39093"
KAFKA_BOOTSTRAP="localhost:19092,localhost:29092,localhost:39092"
POSTGRES_PORT=25432
LB_PORT=${CLUSTER_PORT:-8080}
LB_STATS_PORT=8404
DEFAULT_INSTANCES=2
STOP_TIMEOUT=30

# Small heaps and the client compiler only: eleven JVMs share the machine. CLUSTER_JAVA_OPTS replaces
# the flags (not the heaps), e.g. to measure with the optimising compiler.
read -r -a JAVA_FLAGS <<<"${CLUSTER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError}"
KAFKA_HEAP=(-Xms128m -Xmx384m)
SERVICE_HEAP=(-Xms64m -Xmx256m)
POSTGRES_HEAP=(-Xmx128m)
TOOL_FLAGS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)

say() { printf '%s\n' "$*"; }
fail() {
  printf 'cluster.sh: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '6,15p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# ---------------------------------------------------------------------------------------------------
# Names, ports and instances
# ---------------------------------------------------------------------------------------------------

service_number() {
  case $1 in
    order-command) echo 1 ;;
    inventory-command) echo 2 ;;
    saga-orchestrator) echo 3 ;;
    projection-service) echo 4 ;;
    *) return 1 ;;
  esac
}

# Instance i of service k listens on 8000 + 100*i + 80 + k: order-command 8181, 8281, ...
service_port() { echo $((8000 + 100 * $2 + 80 + $(service_number "$1"))); }

# How many instances a service runs: 2, or what ./cluster.sh scale last set.
instances() {
  local file=$DATA/instances/$1
  if [ -f "$file" ]; then cat "$file"; else echo "$DEFAULT_INSTANCES"; fi
}

set_instances() { mkdir -p "$DATA/instances" && echo "$2" >"$DATA/instances/$1"; }

# Every process of the cluster, in start order.
all_names() {
  local service i
  printf '%s\n' "${KAFKA_NODES[@]}" postgres
  for service in "${SERVICES[@]}"; do
    for i in $(seq 1 "$(instances "$service")"); do echo "$service-$i"; done
  done
  echo lb
}

role_of() {
  case $1 in
    kafka-*) echo kafka ;;
    postgres) echo postgres ;;
    lb) echo lb ;;
    *) echo service ;;
  esac
}

port_of() {
  case $1 in
    kafka-*) echo "${1#kafka-}9092" ;;
    postgres) echo "$POSTGRES_PORT" ;;
    lb) echo "$LB_PORT" ;;
    *) service_port "${1%-*}" "${1##*-}" ;;
  esac
}

# Fails with a clear message unless NAME is a process of the cluster as it is scaled now.
check_name() {
  local name=$1 service index
  case $name in
    kafka-[123] | postgres | lb) return 0 ;;
  esac
  service=${name%-*}
  index=${name##*-}
  if service_number "$service" >/dev/null && [[ $index =~ ^[1-9]$ ]]; then
    [ "$index" -le "$(instances "$service")" ] && return 0
    fail "$name is not part of the cluster: $service runs $(instances "$service") instance(s) (./cluster.sh scale $service $index adds it)"
  fi
  fail "no process named $name; the names are: $(all_names | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------------

pid_of() { [ -f "$PIDS/$1.pid" ] && cat "$PIDS/$1.pid"; }

# Whether NAME runs: its PID file names a live process that is still the one started under that name
# (a PID reused by something else does not count).
running() {
  local pid
  pid=$(pid_of "$1") || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  if [ "$1" = lb ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-f $DATA/haproxy/haproxy.cfg"
  else
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-Dplatform.process=$1 "
  fi
}

# The PostgreSQL server itself (the postmaster), which outlives its wrapper process if that is killed.
postmaster_pid() {
  local pid_file=$DATA/postgres/postmaster.pid pid
  [ -f "$pid_file" ] || return 1
  pid=$(head -n 1 "$pid_file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q postgres && echo "$pid"
}

# What one service instance runs with here, beyond its service's settings: fewer threads and connections.
service_settings() {
  local common=(--server.tomcat.threads.max=64 --server.tomcat.threads.min-spare=4)
  case $1 in
    # Two instances x 3 consumers = the command topics' 6 partitions.
    order-command | inventory-command)
      SETTINGS=("${common[@]}" --spring.kafka.listener.concurrency=3 --spring.datasource.hikari.maximum-pool-size=10) ;;
    # A step waits longer for its first reply than one failover takes here (an instance's partitions move
    # after the 15 s session timeout; a restart competes with ten other JVMs for two cores): a reply
    # delayed by a kill is not taken for a silence (docs/resilience.md).
    saga-orchestrator) SETTINGS=("${common[@]}" --saga.step-timeout=PT15S) ;;
    projection-service) SETTINGS=("${common[@]}" --projection.stream-threads=1 --projection.cache-bytes=16777216) ;;
  esac
}

# Sets CMD to the command line of NAME. Every JVM carries -Dplatform.process=NAME, which `running` checks.
command_of() {
  local name=$1
  case $name in
    kafka-*)
      local n=${name#kafka-}
      CMD=("$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "${KAFKA_HEAP[@]}" "-Dplatform.process=$name"
        -jar "$JAR" kafka-node "$n" --port "${n}9092" --controller-port "${n}9093" --voters "$KAFKA_VOTERS"
        --data-dir "$DATA/$name" --cluster-id-file "$DATA/kafka-cluster.id")
      ;;
    postgres)
      CMD=("$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "${POSTGRES_HEAP[@]}" "-Dplatform.process=$name"
        -jar "$JAR" postgres --port "$POSTGRES_PORT" --data-dir "$DATA/postgres")
      ;;
    lb)
      CMD=(haproxy -f "$DATA/haproxy/haproxy.cfg")
      ;;
    *)
      local service=${name%-*} index=${name##*-}
      service_settings "$service"
      CMD=("$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "${SERVICE_HEAP[@]}" "-Dplatform.process=$name"
        -jar "$JAR" service "$service" --instance-id "$index" --port "$(port_of "$name")"
        --kafka "$KAFKA_BOOTSTRAP" --postgres "localhost:$POSTGRES_PORT" --state-dir "$DATA/state/$name"
        --advertised-host localhost -- "${SETTINGS[@]}")
      ;;
  esac
}

# Starts NAME in the background, in a session of its own (a Ctrl-C here does not reach it).
launch() {
  local name=$1
  mkdir -p "$LOGS" "$PIDS"
  command_of "$name"
  printf '\n=== %s starting %s: %s\n' "$(date '+%F %T')" "$name" "${CMD[*]}" >>"$LOGS/$name.log"
  setsid nohup "${CMD[@]}" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
  await_exec "$name"
}

# Until the forked shell has become the process (its command line names it), `running` cannot tell.
await_exec() {
  local i
  for i in $(seq 1 50); do
    running "$1" && return 0
    [ -d "/proc/$(pid_of "$1")" ] || return 0
    sleep 0.1
  done
}

log_size() { stat -c %s "$LOGS/$1.log" 2>/dev/null || echo 0; }

died() {
  say "$1 exited while starting; the end of $LOGS/$1.log:" >&2
  tail -n 40 "$LOGS/$1.log" >&2
  exit 1
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-2}" "$1" || true; }

readiness_url() { echo "http://localhost:$(port_of "$1")/actuator/health/readiness"; }

# One of the Admin-API checks of io.orderplatform.dev.cluster.KafkaInfo, in a small JVM of its own.
kafka_info() {
  "$JAVA_HOME/bin/java" "${TOOL_FLAGS[@]}" -Dplatform.process=kafka-info -Dlogback.configurationFile=logback-tool.xml \
    -jar "$JAR" kafka-info "$@" --bootstrap "$KAFKA_BOOTSTRAP" 2>/dev/null
}

await_kafka() {
  local name
  say "  waiting for the controller quorum and all three brokers..."
  for name in "${KAFKA_NODES[@]}"; do running "$name" || died "$name"; done
  if ! kafka_info quorum --brokers 3 --wait-seconds 180 | sed 's/^/  /'; then
    fail "the Kafka cluster did not form; see $LOGS/kafka-*.log"
  fi
}

# One node started again: waits until it is a registered broker once more (one JVM that waits, not
# one per second: a node recovering its logs under load can take a minute or more).
await_broker() {
  local name=$1
  say "  waiting for $name to register with the quorum..."
  if ! kafka_info quorum --brokers 1 --broker "${name#kafka-}" --wait-seconds 180 | sed 's/^/  /'; then
    running "$name" || died "$name"
    fail "$name did not register within 180 s; see $LOGS/$name.log"
  fi
  running "$name" || died "$name"
}

await_postgres() {
  local from=$1 deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ]; do
    running postgres || died postgres
    tail -c +"$((from + 1))" "$LOGS/postgres.log" | grep -q "PostgreSQL ready" && return 0
    sleep 0.5
  done
  fail "PostgreSQL did not start within 120 s; see $LOGS/postgres.log"
}

await_ready() {
  local name=$1 deadline=$((SECONDS + 300)) url
  url=$(readiness_url "$name")
  while [ $SECONDS -lt $deadline ]; do
    running "$name" || died "$name"
    [ "$(http_code "$url")" = 200 ] && return 0
    sleep 1
  done
  fail "$name was not ready within 300 s ($url); see $LOGS/$name.log"
}

await_lb() {
  local deadline=$((SECONDS + 20))
  while [ $SECONDS -lt $deadline ]; do
    running lb || died lb
    [ "$(http_code "http://localhost:$LB_PORT/haproxy/health")" = 200 ] && return 0
    sleep 0.5
  done
  fail "HAProxy did not answer within 20 s; see $LOGS/lb.log"
}

# Whether NAME still has a process (for PostgreSQL: its wrapper or the server itself).
alive() { running "$1" || { [ "$1" = postgres ] && postmaster_pid >/dev/null; }; }

# Sends SIGTERM to every named process at once, waits, then SIGKILLs what is left.
stop_processes() {
  local name pid left deadline=$((SECONDS + STOP_TIMEOUT))
  for name in "$@"; do
    if running "$name"; then
      kill -TERM "$(pid_of "$name")" 2>/dev/null || true
    elif [ "$name" = postgres ] && pid=$(postmaster_pid); then
      # Its wrapper is gone but the server runs on: PostgreSQL's fast shutdown is SIGINT.
      kill -INT "$pid" 2>/dev/null || true
    fi
  done
  while true; do
    left=()
    for name in "$@"; do alive "$name" && left+=("$name"); done
    [ ${#left[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      say "  still running after ${STOP_TIMEOUT} s, killing: ${left[*]}"
      for name in "${left[@]}"; do kill_process "$name"; done
      break
    fi
    sleep 0.5
  done
  for name in "$@"; do rm -f "$PIDS/$name.pid"; done
}

# kill -9; for PostgreSQL the server and its backends as well, as a crash of its machine would.
kill_process() {
  local name=$1 pid
  if [ "$name" = postgres ] && pid=$(postmaster_pid); then
    # shellcheck disable=SC2046  # one PID per word
    kill -KILL "$pid" $(ps -o pid= --ppid "$pid") 2>/dev/null || true
  fi
  if running "$name"; then kill -KILL "$(pid_of "$name")" 2>/dev/null || true; fi
}

# ---------------------------------------------------------------------------------------------------
# HAProxy, the front door (ADR 0014)
# ---------------------------------------------------------------------------------------------------

require_haproxy() {
  command -v haproxy >/dev/null || fail "HAProxy is not installed; it is the cluster's front door. Install it:
  Debian/Ubuntu: sudo apt-get install -y haproxy   (2.6 or newer)
  macOS:         brew install haproxy"
}

# Writes .cluster-data/haproxy/haproxy.cfg for the instances the cluster has now, and checks it.
# compose/haproxy.cfg is its output for two instances of every service, with the containers' names
# (docker-compose.yml): a change here is made there too.
write_haproxy_config() {
  local dir=$DATA/haproxy service i
  mkdir -p "$dir"
  {
    cat <<EOF
# Generated by cluster.sh from the cluster's instances; regenerated by ./cluster.sh scale.
global
    log stdout format raw local0 info
    maxconn 2000
    stats socket $dir/admin.sock mode 600 level admin

defaults
    mode http
    log global
    option httplog
    option dontlognull
    timeout connect 1s
    timeout client 60s
    # Longer than the longest read a client may ask for (GET /orders/{id}?waitMs=30000).
    timeout server 40s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout check 1s
    # A failed attempt is retried up to twice, each time on another instance.
    retries 2
    option redispatch 1
    # What is retried: a connection that could not be made (nothing was sent) and, for a request that
    # may be repeated (see the front door), a response that never came or was cut off, or a 502/504.
    retry-on conn-failure empty-response junk-response response-timeout 502 504
    # Every instance is checked each second; 2 failures take it out, 2 successes put it back.
    option httpchk
    http-check send meth GET uri /actuator/health/readiness
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions

frontend front_door
    bind :$LB_PORT
    monitor-uri /haproxy/health
    option forwardfor
    # Only GET, HEAD and a request with an Idempotency-Key may be sent twice; any other is retried only
    # when the connection failed, before anything was sent.
    acl read method GET HEAD
    acl idempotent_key req.hdr(Idempotency-Key) -m found
    http-request disable-l7-retry unless read or idempotent_key
    # The projections' reads between instances are not public.
    http-request return status 404 content-type application/problem+json string "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}" if { path_beg /internal/ }

    # Any service's own API (admin, actuator, OpenAPI) under its name; one instance's under its own.
EOF
    for service in "${SERVICES[@]}"; do
      for i in $(seq 1 "$(instances "$service")"); do
        echo "    use_backend $service-$i if { path_beg /$service-$i/ }"
      done
      echo "    use_backend $service if { path_beg /$service/ }"
    done
    cat <<EOF

    # The public API: commands to the command services, queries to the views and the saga.
    acl orders path_reg ^/orders(/.*)?\$
    use_backend order-command if orders !read
    use_backend projection-service if orders read
    use_backend inventory-command if { path_reg ^/products(/.*)?\$ }
    use_backend projection-service if { path_reg ^/(inventory|sales)(/.*)?\$ }
    use_backend saga-orchestrator if { path_beg /sagas/ }
    use_backend projection-service if { path_reg ^/admin/projections(/.*)?\$ }
    default_backend not_found

backend not_found
    http-request return status 404 content-type application/problem+json string "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Not a route of the front door. Commands: POST /orders, POST /orders/{id}/cancel, /products. Queries: GET /orders, /inventory, /sales, /sagas/{orderId}, /admin/projections. A service's own API: /<service>/... or /<service>-<n>/..., e.g. /saga-orchestrator/admin/dead-letters.\"}"

listen stats
    bind 127.0.0.1:$LB_STATS_PORT
    stats enable
    stats uri /stats
    stats refresh 2s
EOF
    for service in "${SERVICES[@]}"; do
      printf '\nbackend %s\n    balance roundrobin\n    http-request replace-path ^/%s(/.*)$ \\1\n' "$service" "$service"
      for i in $(seq 1 "$(instances "$service")"); do
        printf '    server %s-%s 127.0.0.1:%s check\n' "$service" "$i" "$(service_port "$service" "$i")"
      done
      for i in $(seq 1 "$(instances "$service")"); do
        # One instance, addressed on purpose: up or down as its service's backend checks it.
        printf '\nbackend %s-%s\n    http-request replace-path ^/%s-%s(/.*)$ \\1\n' "$service" "$i" "$service" "$i"
        printf '    server %s-%s 127.0.0.1:%s track %s/%s-%s\n' \
          "$service" "$i" "$(service_port "$service" "$i")" "$service" "$service" "$i"
      done
    done
  } >"$dir/haproxy.cfg.new"
  haproxy -c -q -f "$dir/haproxy.cfg.new" || fail "the generated HAProxy configuration is invalid: $dir/haproxy.cfg.new"
  mv "$dir/haproxy.cfg.new" "$dir/haproxy.cfg"
}

# Regenerates the configuration and, if HAProxy runs, replaces it softly: the new process takes the
# port, the old one finishes the requests it has and exits (haproxy -sf).
reload_lb() {
  local old
  write_haproxy_config
  running lb || return 0
  old=$(pid_of lb)
  printf '\n=== %s reloading lb (replacing pid %s)\n' "$(date '+%F %T')" "$old" >>"$LOGS/lb.log"
  setsid nohup haproxy -f "$DATA/haproxy/haproxy.cfg" -sf "$old" >>"$LOGS/lb.log" 2>&1 </dev/null &
  echo $! >"$PIDS/lb.pid"
  await_exec lb
  await_lb
  say "  lb reloaded (pid $(pid_of lb), was $old)"
}

# ---------------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------------

build_if_needed() {
  if [ -f "$BUILT_JAR" ] && [ -z "$(find . \( -path ./.git -o -path ./.cluster-data -o -path ./.dev-data -o -name target \
    -o -name node_modules \) -prune -o -type f \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
    -newer "$BUILT_JAR" -print -quit)" ]; then
    return 0
  fi
  say "building (./mvnw -B -q -DskipTests install -pl dev-platform -am)..."
  ./mvnw -B -q -DskipTests install -pl dev-platform -am
}

# Builds if needed and takes the cluster's copy of the jar, unless a process of the cluster runs: then
# the copy it runs stays (one version in the whole cluster); only a missing copy is taken anyway.
take_jar() {
  if ! anything_running || [ ! -f "$JAR" ]; then
    build_if_needed
    mkdir -p "$(dirname "$JAR")"
    cp "$BUILT_JAR" "$JAR.new" && mv -f "$JAR.new" "$JAR"
  fi
}

# Starts one process that is not running and waits until it serves. A Kafka node is waited for by the
# caller: a first node alone has no quorum to register with.
start_one() {
  local name=$1 from
  if running "$name"; then
    say "  $name already runs (pid $(pid_of "$name"))"
    return 0
  fi
  from=$(log_size "$name")
  case $(role_of "$name") in
    kafka) launch "$name" ;;
    postgres)
      launch postgres
      await_postgres "$from"
      ;;
    service)
      launch "$name"
      await_ready "$name"
      ;;
    lb)
      require_haproxy
      write_haproxy_config
      launch lb
      await_lb
      ;;
  esac
  say "  $name started (pid $(pid_of "$name"), port $(port_of "$name"))"
}

start_all() {
  local name service i started
  require_haproxy
  take_jar
  say "starting the Kafka cluster (3 nodes)..."
  for name in "${KAFKA_NODES[@]}"; do start_one "$name"; done
  await_kafka
  say "starting PostgreSQL..."
  start_one postgres
  for service in "${SERVICES[@]}"; do
    say "starting $service ($(instances "$service") instances, together)..."
    started=()
    for i in $(seq 1 "$(instances "$service")"); do
      name=$service-$i
      if running "$name"; then
        say "  $name already runs (pid $(pid_of "$name"))"
      else
        launch "$name"
        started+=("$name")
      fi
    done
    for name in "${started[@]}"; do
      await_ready "$name"
      say "  $name ready (pid $(pid_of "$name"), port $(port_of "$name"))"
    done
  done
  say "starting the load balancer..."
  start_one lb
  print_urls
}

print_urls() {
  cat <<EOF

Order platform cluster is running (data, logs and PID files in $DATA)
  front door          http://localhost:$LB_PORT  (POST /orders, /products; GET /orders/{id}, /inventory, /sales, /sagas/{id})
  a service's own API http://localhost:$LB_PORT/<service>/...    e.g. /order-command/admin/relay, /saga-orchestrator/admin/dead-letters
  one instance's API  http://localhost:$LB_PORT/<service>-<n>/... e.g. /order-command-2/actuator/health
  HAProxy stats       http://localhost:$LB_STATS_PORT/stats
  Kafka bootstrap     $KAFKA_BOOTSTRAP
  PostgreSQL          jdbc:postgresql://localhost:$POSTGRES_PORT/order_command (user postgres)
./cluster.sh status shows every process; ./cluster.sh stop stops them all.
EOF
}

status() {
  local name role port pid health code brokers="" lb_csv="" any_broker=""
  for name in "${KAFKA_NODES[@]}"; do running "$name" && any_broker=yes; done
  if [ -n "$any_broker" ] && [ -f "$JAR" ]; then brokers=$(kafka_info brokers || true); fi
  if running lb; then lb_csv=$(curl -s --max-time 2 "http://127.0.0.1:$LB_STATS_PORT/stats;csv" || true); fi
  printf '%-9s %-22s %-6s %-8s %s\n' ROLE NAME PORT PID HEALTH
  while read -r name; do
    role=$(role_of "$name")
    port=$(port_of "$name")
    pid=-
    running "$name" && pid=$(pid_of "$name")
    case $role in
      kafka)
        if ! tcp_open "$port"; then
          health="down (port closed)"
        elif [[ $brokers =~ brokers=([0-9,]*) ]] && [[ ,${BASH_REMATCH[1]}, == *,${name#kafka-},* ]]; then
          health="up (registered broker"
          [[ $brokers == *quorum-leader=${name#kafka-}\ * ]] && health+=", quorum leader"
          health+=")"
        else
          health="port open, not a registered broker (${brokers:-no answer})"
        fi
        ;;
      postgres)
        if tcp_open "$port"; then health="up (accepting connections)"; else health="down (port closed)"; fi
        if [ "$pid" = - ] && postmaster_pid >/dev/null; then health+=", server pid $(postmaster_pid) runs without its wrapper"; fi
        ;;
      service)
        code=$(http_code "$(readiness_url "$name")")
        case $code in
          200) health="ready" ;;
          503) health="not ready (readiness 503)" ;;
          000) health="down (no answer)" ;;
          *) health="readiness answered $code" ;;
        esac
        ;;
      lb)
        if [ "$(http_code "http://localhost:$LB_PORT/haproxy/health")" = 200 ]; then
          health="up; instances in service: $(lb_summary "$lb_csv")"
        else
          health="down (no answer on $LB_PORT)"
        fi
        ;;
    esac
    printf '%-9s %-22s %-6s %-8s %s\n' "$role" "$name" "$port" "$pid" "$health"
  done < <(all_names)
}

# "order-command 2/2 ..." from HAProxy's stats CSV (proxy name, server name, ..., status in column 18).
lb_summary() {
  local service
  for service in "${SERVICES[@]}"; do
    awk -F, -v backend="$service" '$1 == backend && $2 != "BACKEND" { total++; if ($18 ~ /^UP/) up++ }
      END { printf "%s %d/%d ", backend, up, total }' <<<"$1"
  done
}

# CPU time (user + system, in clock ticks) of a process and its children (PostgreSQL's backends), from /proc.
cpu_ticks() {
  local pid total=0 ticks
  for pid in "$1" $(pgrep -P "$1" || true); do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ticks))
  done
  echo "$total"
}

# The share of one core each running process used over SECONDS (100 % = one core), busiest first:
# on two cores shared by a dozen JVMs, where the time goes decides what a fault costs the others.
cpu_usage() {
  local seconds=$1 name pid ticks_per_second
  [[ $seconds =~ ^[1-9][0-9]*$ ]] || fail "cpu takes a number of seconds, not $seconds"
  ticks_per_second=$(getconf CLK_TCK)
  declare -A before pids
  for name in $(all_names); do
    if [ "$name" = postgres ]; then
      pid=$(postmaster_pid) || continue
    elif running "$name"; then
      pid=$(pid_of "$name")
    else
      continue
    fi
    pids[$name]=$pid
    before[$name]=$(cpu_ticks "$pid")
  done
  sleep "$seconds"
  for name in "${!pids[@]}"; do
    awk -v name="$name" -v used=$(($(cpu_ticks "${pids[$name]}") - ${before[$name]})) -v hz="$ticks_per_second" \
      -v s="$seconds" 'BEGIN { printf "%-24s %6.1f %%\n", name, 100 * used / hz / s }'
  done | sort -k2 -n -r
  printf '(%d s; 100 %% = one core of %d)\n' "$seconds" "$(nproc)"
}

scale() {
  local service=$1 wanted=$2 current i leaving=()
  service_number "$service" >/dev/null || fail "no service named $service; the services are ${SERVICES[*]}"
  [[ $wanted =~ ^[1-9]$ ]] || fail "a service runs 1 to 9 instances, not $wanted"
  current=$(instances "$service")
  if [ "$wanted" -gt "$current" ]; then
    # Started and ready first, then given traffic.
    set_instances "$service" "$wanted"
    take_jar
    for i in $(seq $((current + 1)) "$wanted"); do start_one "$service-$i"; done
    reload_lb
  elif [ "$wanted" -lt "$current" ]; then
    # Out of the load balancer first, so that no new request reaches them, then stopped.
    set_instances "$service" "$wanted"
    reload_lb
    for i in $(seq $((wanted + 1)) "$current"); do leaving+=("$service-$i"); done
    say "  stopping ${leaving[*]}..."
    stop_processes "${leaving[@]}"
    # A static member stays in its groups when it stops; one scaled in for good is taken out at once,
    # so that its partitions move now rather than after a session timeout.
    for i in "${leaving[@]}"; do kafka_info leave --member "$i" | sed 's/^/  /' || true; done
  fi
  say "$service runs $wanted instance(s)"
}

stop_all() {
  local names=() service i
  say "stopping the load balancer..."
  stop_processes lb
  say "stopping the services..."
  for service in "${SERVICES[@]}"; do
    for i in $(seq 1 9); do running "$service-$i" && names+=("$service-$i"); done
  done
  [ ${#names[@]} -eq 0 ] || stop_processes "${names[@]}"
  say "stopping PostgreSQL..."
  stop_processes postgres
  say "stopping the Kafka cluster..."
  stop_processes "${KAFKA_NODES[@]}"
  say "stopped"
}

anything_running() {
  local name
  for name in $(all_names); do alive "$name" && return 0; done
  return 1
}

main() {
  local command=${1:-start}
  [ $# -gt 0 ] && shift
  case $command in
    --fresh)
      set -- --fresh "$@"
      command=start
      ;;
    -h | --help | help) usage ;;
  esac
  # Stopping and killing need no JDK.
  if [ "$command" != stop ] && [ "$command" != kill ]; then source bin/java-home.sh; fi
  case $command in
    start)
      if [ "${1:-}" = --fresh ]; then
        shift
        if anything_running; then fail "the cluster is running: ./cluster.sh stop first, then --fresh"; fi
        say "wiping $DATA"
        rm -rf "$DATA"
        mkdir -p "$DATA"
      fi
      if [ $# -eq 0 ]; then
        start_all
      else
        check_name "$1"
        [ "$1" = lb ] || take_jar
        start_one "$1"
        if [ "$(role_of "$1")" = kafka ]; then await_broker "$1"; fi
      fi
      ;;
    status) status ;;
    stop)
      if [ $# -eq 0 ]; then
        stop_all
      else
        check_name "$1"
        stop_processes "$1"
        say "$1 stopped"
      fi
      ;;
    kill)
      [ $# -eq 1 ] || usage 1
      check_name "$1"
      alive "$1" || fail "$1 is not running"
      kill_process "$1"
      say "$1 killed (kill -9)"
      ;;
    scale)
      [ $# -eq 2 ] || usage 1
      scale "$1" "$2"
      ;;
    topics) kafka_info topics --replicas 3 --min-isr 2 ;;
    cpu)
      [ $# -le 1 ] || usage 1
      cpu_usage "${1:-20}"
      ;;
    *) usage 1 ;;
  esac
}

main "$@"
