#!/usr/bin/env bash
# Sourced by dev.sh after bin/java-home.sh: prepares the dev-platform jar for a JDK 25 AOT cache
# (JEP 483/514: classes loaded and linked ahead of time, with the profiles of a training run) and sets
#   AOT_JAR    the jar to run (extracted: the cache needs plain jars on the class path, not nested ones)
#   AOT_FLAGS  -XX:AOTCache=... when a cache of this very build exists, else -XX:AOTCacheOutput=...,
#              which makes this run the training run: the cache is written when it stops
#   AOT_STATE  "use", "train" or "off" (a JDK older than 25, or AOT_CACHE=off)
# A new build of the jar discards the cache. Usage: source bin/aot-cache.sh <jar> <directory>
aot_source_jar=$1
aot_dir=$2
AOT_JAR=$aot_source_jar
AOT_FLAGS=()
AOT_STATE=off
if [ "${AOT_CACHE:-on}" != off ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  aot_stamp=$(stat -c '%s %Y' "$aot_source_jar")
  if [ "$(cat "$aot_dir/stamp" 2>/dev/null)" != "$aot_stamp" ]; then
    rm -rf "$aot_dir"
    mkdir -p "$aot_dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$aot_source_jar" extract --destination "$aot_dir/app" >/dev/null
    echo "$aot_stamp" >"$aot_dir/stamp"
  fi
  AOT_JAR="$aot_dir/app/$(basename "$aot_source_jar")"
  if [ -s "$aot_dir/app.aot" ]; then
    AOT_STATE=use
    AOT_FLAGS=(-XX:AOTCache="$aot_dir/app.aot")
  else
    AOT_STATE=train
    rm -f "$aot_dir/app.aot"
    AOT_FLAGS=(-XX:AOTCacheOutput="$aot_dir/app.aot")
  fi
  # The JVM's notes on classes it leaves out of the cache are for JDK developers, not for this log.
  AOT_FLAGS+=(-Xlog:aot*=off -Xlog:cds*=off)
fi
