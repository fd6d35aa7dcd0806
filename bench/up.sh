#!/usr/bin/env bash
# mesh up benchmark: how long until the local mesh is Ready, first run (keys, pack, 3 agents + edge,
# publish, plans, 4 instances Ready and routed) and again on the same work dir (warm: everything
# reused, the workloads restart), against a reference measured in the same run: one billing JVM
# started alone until it answers /health (the floor that any restart of a JVM workload pays).
# Each mesh up is stopped with TERM (what Ctrl-C does), by its PID, and the script checks that nothing is left.
# Usage: bench/up.sh    (from the repository root, after ./mvnw -pl cli -am package -DskipTests)
# Env:   ROUNDS=3  PORT_BASE=26000
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=${ROUNDS:-3}
PORT_BASE=${PORT_BASE:-26000}
work=$(mktemp -d /var/tmp/mesh-up-bench.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

# Starts mesh up in the background; prints the seconds until it printed "ready in", then stops it.
run_up() {
  local dir="$1" log="$work/up.log" start pid secs
  start=$(now)
  MESH_NO_BUILD=1 ./mesh up --dir "$dir" --edge-port $((PORT_BASE + 10)) --api-port "$PORT_BASE" \
      --fabric-port $((PORT_BASE + 5)) --workload-ports $((PORT_BASE + 1000)) >"$log" 2>&1 &
  pid=$!
  while ! grep -q 'ready in ' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "mesh up exited:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.2
  done
  secs=$(echo "$(now) - $start" | bc)
  curl -fsS "http://127.0.0.1:$((PORT_BASE + 10))/billing/hello" >/dev/null
  kill -TERM "$pid"   # (a background job of a script ignores SIGINT; TERM takes the same path)
  wait "$pid" || true
  if pgrep -f -- "$dir" >/dev/null; then echo "processes left after mesh up stopped:" >&2; pgrep -af -- "$dir" >&2; exit 1; fi
  echo "$secs"
}

billing_alone() {
  local start pid secs port=$((PORT_BASE + 20))
  start=$(now)
  PORT=$port "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx48m -XX:TieredStopAtLevel=1 -jar examples/target/billing.jar >/dev/null 2>&1 &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.05; done
  secs=$(echo "$(now) - $start" | bc)
  kill "$pid"; wait "$pid" || true
  echo "$secs"
}

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ *Model name: *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| round | first run (s) | again, warm (s) | billing JVM alone to /health (s) | warm / alone |\n|---|---|---|---|---|\n'
for r in $(seq 1 "$ROUNDS"); do
  dir="$work/mesh-$r"
  cold=$(run_up "$dir")
  warm=$(run_up "$dir")
  alone=$(billing_alone)
  printf '| %d | %.1f | %.1f | %.2f | %.1fx |\n' "$r" "$cold" "$warm" "$alone" "$(echo "$warm / $alone" | bc -l)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
