#!/usr/bin/env bash
# Sourced by the project's scripts: sets JAVA_HOME to a JDK 21 or newer.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
jdk_ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
  :
else
  found=""
  for candidate in $(command -v javac >/dev/null && dirname "$(dirname "$(readlink -f "$(command -v javac)")")") \
                   /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if jdk_ok "$candidate"; then found="$candidate"; fi
  done
  if [ -z "$found" ]; then
    echo "A JDK 21 or newer is needed; set JAVA_HOME to one." >&2
    exit 1
  fi
  export JAVA_HOME="$found"
fi
export PATH="$JAVA_HOME/bin:$PATH"
