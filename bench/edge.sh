#!/usr/bin/env bash
# Edge benchmark: one local backend (nginx returning a fixed 13-byte body), measured directly,
# through nginx as a reverse proxy with upstream keep-alive, and through our edge, all on
# 127.0.0.1, in one run.
#   1. throughput: wrk, 64 connections, 2 threads, after a warm-up of each path; ROUNDS rounds
#      that take the paths in turn (so that load from elsewhere on the machine hits all of them),
#      reporting each path's median round
#   2. latency at a fixed rate: bench/edge/OpenLoop.java (open loop, wrk2 model, no coordinated
#      omission) at half of the lower of the two proxies' saturation rates, same rate on all paths
# Usage: bench/edge.sh            (from the repository root; needs root for apt-get if wrk/nginx are missing)
# Env:   DURATION=10 ROUNDS=3 WARMUP=10 CONNECTIONS=64 OPEN_SECONDS=20 OPEN_CONNECTIONS=64
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
OPEN_SECONDS=${OPEN_SECONDS:-20}
OPEN_CONNECTIONS=${OPEN_CONNECTIONS:-64}
BACKEND_PORT=${BACKEND_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
EDGE_PORT=${EDGE_PORT:-18083}

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "installing wrk and nginx from Debian packages" >&2
  apt-get install -y -q wrk nginx >/dev/null
fi

WORK=$(mktemp -d /tmp/edge-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building the edge" >&2
./mvnw -q -o -pl edge -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
CP="$ROOT/edge/target/classes:$(cat "$ROOT/edge/target/classpath.txt")"

# nginx in the foreground (daemon off) so that $! is its master's PID
mkdir -p "$WORK/backend" "$WORK/proxy"
cat > "$WORK/backend/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $WORK/backend/nginx.pid; error_log $WORK/backend/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 75s;
  server { listen 127.0.0.1:$BACKEND_PORT; location / { default_type text/plain; return 200 "hello, mesh!\n"; } } }
CONF
cat > "$WORK/proxy/nginx.conf" <<CONF
daemon off; worker_processes auto; pid $WORK/proxy/nginx.pid; error_log $WORK/proxy/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$NGINX_PORT;
    location /app/ { proxy_pass http://backend/; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
nginx -e "$WORK/backend/error.log" -p "$WORK/backend" -c "$WORK/backend/nginx.conf" & PIDS+=($!)
nginx -e "$WORK/proxy/error.log" -p "$WORK/proxy" -c "$WORK/proxy/nginx.conf" & PIDS+=($!)
"$JAVA" -Xms256m -Xmx512m -cp "$CP" io.mycelium.edge.EdgeMain --port "$EDGE_PORT" \
  --route "app=127.0.0.1:$BACKEND_PORT" --access-log off > "$WORK/edge.log" 2>&1 & PIDS+=($!)

for port in "$BACKEND_PORT" "$NGINX_PORT" "$EDGE_PORT"; do
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/app/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/app/" >/dev/null || { echo "nothing answers on port $port" >&2; cat "$WORK/edge.log" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A URL=([direct]="http://127.0.0.1:$BACKEND_PORT/app/" [nginx]="http://127.0.0.1:$NGINX_PORT/app/" [edge]="http://127.0.0.1:$EDGE_PORT/app/")
declare -A PORT=([direct]=$BACKEND_PORT [nginx]=$NGINX_PORT [edge]=$EDGE_PORT)
declare -A RPS P99 LAT ROUNDS_TEXT
PATHS=(direct nginx edge)

for p in "${PATHS[@]}"; do
  echo "warm-up $p (${WARMUP}s)" >&2
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "${URL[$p]}" >/dev/null
done
declare -A ALL
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${URL[$p]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    ALL[$p]="${ALL[$p]:-} $rps:$p99"
    echo "round $round wrk $p: $rps req/s, p99 $p99" >&2
  done
done
for p in "${PATHS[@]}"; do
  median=$(tr ' ' '\n' <<<"${ALL[$p]}" | grep . | sort -t: -k1 -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  RPS[$p]=${median%%:*}
  P99[$p]=${median#*:}
  ROUNDS_TEXT[$p]=$(tr ' ' '\n' <<<"${ALL[$p]}" | grep . | cut -d: -f1 | paste -sd/ -)
done

SAT=$(awk -v a="${RPS[nginx]}" -v b="${RPS[edge]}" 'BEGIN {print (a < b ? a : b)}')
RATE=$(awk -v s="$SAT" 'BEGIN {printf "%d", s / 2}')
echo "open-loop rate: $RATE req/s (half of $SAT)" >&2
for p in "${PATHS[@]}"; do
  LAT[$p]=$("$JAVA" "$ROOT/bench/edge/OpenLoop.java" 127.0.0.1 "${PORT[$p]}" /app/ "$RATE" "$OPEN_CONNECTIONS" "$OPEN_SECONDS")
  echo "open-loop $p: ${LAT[$p]}" >&2
done

echo
echo "load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| path | wrk req/s, 64 conn (median) | rounds | wrk p99 (median round) | open-loop rate | achieved | p50 | p90 | p99 | p99.9 | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for p in "${PATHS[@]}"; do
  read -r target achieved p50 p90 p99 p999 max errors <<<"${LAT[$p]}"
  printf "| %s | %s | %s | %s | %s | %s | %s us | %s us | %s us | %s us | %s |\n" "$p" "${RPS[$p]}" "${ROUNDS_TEXT[$p]}" "${P99[$p]}" "$target" "$achieved" "$p50" "$p90" "$p99" "$p999" "$errors"
done
echo
awk -v e="${RPS[edge]}" -v n="${RPS[nginx]}" 'BEGIN {printf "throughput edge / nginx at 64 connections: %.2fx\n", e / n}'
read -r _ _ _ _ dp99 _ <<<"${LAT[direct]}"
read -r _ _ _ _ ep99 _ <<<"${LAT[edge]}"
read -r _ _ _ _ np99 _ <<<"${LAT[nginx]}"
awk -v e="$ep99" -v d="$dp99" -v n="$np99" 'BEGIN {printf "added p99 over direct at half saturation: edge %.3f ms, nginx %.3f ms\n", (e - d) / 1000, (n - d) / 1000}'
