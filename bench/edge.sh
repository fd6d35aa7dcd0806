#!/usr/bin/env bash
# Edge benchmark: one local backend (nginx returning a fixed 13-byte body), measured directly,
# through nginx as a reverse proxy with upstream keep-alive, and through our edge, all on
# 127.0.0.1, in one run.
#   1. throughput: wrk, 64 connections, 2 threads, after a warm-up of each path; ROUNDS rounds
#      that take the paths in turn (so that load from elsewhere on the machine hits all of them),
#      reporting each path's median round
#      and the CPU time each server spends per request (utime+stime of its processes from /proc,
#      divided by the requests wrk completed), which the rest of the machine's load barely moves
#   2. latency at a fixed rate: bench/edge/openloop.c (open loop, wrk2 model, no coordinated
#      omission; C, one thread, so that the generator takes little of the machine) at half of the
#      lower of the two proxies' saturation rates, same rate on all paths
# A path "nginx-fwd" is the same nginx with what a production reverse-proxy setup adds and the edge
# always does: X-Forwarded-For/Proto/Host and an X-Request-Id to the backend and back to the client.
# A fourth path, "hello", is a bare Helidon listener answering by itself (bench/edge/HelloHelidon.java):
# the ceiling of any handler on the listener the edge is built on. A fifth, "nioproxy", is a
# feature-less event-loop proxy in Java (bench/edge/NioProxy.java: a selector per core,
# non-blocking client and pooled upstream sockets): how close that design gets to nginx here. A
# sixth, "handover", is the same loops behind Helidon's listener (bench/edge/HandoverProxy.java:
# each accepted connection's channel is handed to a loop): whether the edge can keep Helidon.
# Usage: bench/edge.sh            (from the repository root; needs root for apt-get if wrk, nginx or cc are missing)
# Env:   DURATION=10 ROUNDS=3 WARMUP=10 CONNECTIONS=64 OPEN_SECONDS=20 OPEN_CONNECTIONS=64
#        EDGE_JAVA_OPTS (the edge's and hello's JVM flags; default below)
#        OPEN_RATE (req/s; default half of the lower of nginx's and the edge's median)
#        NIOPROXY_PORT=18086 (the event-loop proxy; started with EDGE_JAVA_OPTS)
#        HANDOVER_PORT=18087 (the same loops behind Helidon's listener: bench/edge/HandoverProxy.java)
#        PIN=1: wrk, the open-loop generator and the backend on CPU 0, the proxy under test on CPU 1
#        (taskset), so that the generator does not take the proxy's core; the proxies then each have
#        one core (the edge runs one event loop)
#        BASELINE_CLASSES=dir [BASELINE_JAVA_OPTS=...]: also measure an older build of the edge
#        (its compiled edge/target/classes, e.g. from a checkout of an earlier commit) as path
#        "baseline" in the same run, with the same dependencies
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
NGINX_FWD_PORT=${NGINX_FWD_PORT:-18088}
EDGE_PORT=${EDGE_PORT:-18083}
HELLO_PORT=${HELLO_PORT:-18084}
NIOPROXY_PORT=${NIOPROXY_PORT:-18086}
HANDOVER_PORT=${HANDOVER_PORT:-18087}
# ParallelGC with a fixed heap and a large young generation: fewer, shorter young collections
# than G1 with -Xms256m, and less GC work on the two cores (see docs/BENCHMARKS.md, Edge)
EDGE_JAVA_OPTS=${EDGE_JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m -Xmn320m}

if [[ "${PIN:-0}" == 1 ]]; then
  GEN=(taskset -c 0)
  SRV=(taskset -c 1)
else
  GEN=()
  SRV=()
fi

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v cc >/dev/null; then
  echo "installing wrk, nginx and a C compiler from Debian packages" >&2
  apt-get install -y -q wrk nginx gcc libc6-dev >/dev/null
fi

WORK=$(mktemp -d /tmp/edge-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building the edge and the open-loop generator" >&2
cc -O2 -o "$WORK/openloop" bench/edge/openloop.c
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
    location /app/ { proxy_pass http://backend/; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:$NGINX_FWD_PORT;
    location /app/ { proxy_pass http://backend/; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host; proxy_set_header X-Request-Id \$request_id;
      add_header X-Request-Id \$request_id always; } } }
CONF
"${GEN[@]}" nginx -e "$WORK/backend/error.log" -p "$WORK/backend" -c "$WORK/backend/nginx.conf" & PIDS+=($!)
BACKEND_PID=$!
"${SRV[@]}" nginx -e "$WORK/proxy/error.log" -p "$WORK/proxy" -c "$WORK/proxy/nginx.conf" & PIDS+=($!)
PROXY_PID=$!
# shellcheck disable=SC2086
"${SRV[@]}" "$JAVA" $EDGE_JAVA_OPTS -cp "$CP" io.mycelium.edge.EdgeMain --port "$EDGE_PORT" \
  --route "app=127.0.0.1:$BACKEND_PORT" --access-log off > "$WORK/edge.log" 2>&1 & PIDS+=($!)
EDGE_PID=$!
BASELINE_PORT=${BASELINE_PORT:-18085}
if [[ -n "${BASELINE_CLASSES:-}" ]]; then
  # shellcheck disable=SC2086
  "${SRV[@]}" "$JAVA" ${BASELINE_JAVA_OPTS:--Xms256m -Xmx512m} -cp "$BASELINE_CLASSES:$(cat "$ROOT/edge/target/classpath.txt")" \
    io.mycelium.edge.EdgeMain --port "$BASELINE_PORT" --route "app=127.0.0.1:$BACKEND_PORT" --access-log off \
    > "$WORK/baseline.log" 2>&1 & PIDS+=($!)
  BASELINE_PID=$!
fi
# shellcheck disable=SC2086
"${SRV[@]}" "$JAVA" $EDGE_JAVA_OPTS -cp "$CP" "$ROOT/bench/edge/HelloHelidon.java" "$HELLO_PORT" > "$WORK/hello.log" 2>&1 & PIDS+=($!)
HELLO_PID=$!
# shellcheck disable=SC2086
"${SRV[@]}" "$JAVA" $EDGE_JAVA_OPTS "$ROOT/bench/edge/NioProxy.java" "$NIOPROXY_PORT" 127.0.0.1 "$BACKEND_PORT" > "$WORK/nioproxy.log" 2>&1 & PIDS+=($!)
NIOPROXY_PID=$!
# shellcheck disable=SC2086
"${SRV[@]}" "$JAVA" $EDGE_JAVA_OPTS -cp "$CP" "$ROOT/bench/edge/HandoverProxy.java" "$HANDOVER_PORT" 127.0.0.1 "$BACKEND_PORT" > "$WORK/handover.log" 2>&1 & PIDS+=($!)
HANDOVER_PID=$!

for port in "$BACKEND_PORT" "$NGINX_PORT" "$NGINX_FWD_PORT" "$EDGE_PORT" "$HELLO_PORT" "$NIOPROXY_PORT" "$HANDOVER_PORT" ${BASELINE_CLASSES:+"$BASELINE_PORT"}; do
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/app/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/app/" >/dev/null || { echo "nothing answers on port $port" >&2; cat "$WORK/edge.log" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A URL=([direct]="http://127.0.0.1:$BACKEND_PORT/app/" [nginx]="http://127.0.0.1:$NGINX_PORT/app/" [nginx-fwd]="http://127.0.0.1:$NGINX_FWD_PORT/app/" [edge]="http://127.0.0.1:$EDGE_PORT/app/" [hello]="http://127.0.0.1:$HELLO_PORT/app/" [nioproxy]="http://127.0.0.1:$NIOPROXY_PORT/app/" [handover]="http://127.0.0.1:$HANDOVER_PORT/app/")
declare -A PORT=([direct]=$BACKEND_PORT [nginx]=$NGINX_PORT [nginx-fwd]=$NGINX_FWD_PORT [edge]=$EDGE_PORT [hello]=$HELLO_PORT [nioproxy]=$NIOPROXY_PORT [handover]=$HANDOVER_PORT)
# the server processes each path's requests cost CPU in (the backend serves direct, nginx and edge)
declare -A SERVER=([direct]="$BACKEND_PID" [nginx]="$PROXY_PID" [nginx-fwd]="$PROXY_PID" [edge]="$EDGE_PID" [hello]="$HELLO_PID" [nioproxy]="$NIOPROXY_PID" [handover]="$HANDOVER_PID")
declare -A RPS P99 LAT ROUNDS_TEXT CPU
PATHS=(direct nginx nginx-fwd edge hello nioproxy handover)
OPEN_PATHS=(direct nginx nginx-fwd edge nioproxy handover)
if [[ -n "${BASELINE_CLASSES:-}" ]]; then
  URL[baseline]="http://127.0.0.1:$BASELINE_PORT/app/"
  PORT[baseline]=$BASELINE_PORT
  SERVER[baseline]=$BASELINE_PID
  PATHS+=(baseline)
  OPEN_PATHS+=(baseline)
fi
TICKS=$(getconf CLK_TCK)
# CPU ticks (utime+stime) of a process and its children (nginx's workers)
cpu_ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

for p in "${PATHS[@]}"; do
  echo "warm-up $p (${WARMUP}s)" >&2
  "${GEN[@]}" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "${URL[$p]}" >/dev/null
done
declare -A ALL
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    c0=$(cpu_ticks "${SERVER[$p]}")
    out=$("${GEN[@]}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${URL[$p]}")
    c1=$(cpu_ticks "${SERVER[$p]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    us=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v t="$TICKS" 'BEGIN {printf "%.1f", (b - a) / t * 1e6 / n}')
    ALL[$p]="${ALL[$p]:-} $rps:$p99"
    CPU[$p]="${CPU[$p]:-} $us"
    echo "round $round wrk $p: $rps req/s, p99 $p99, server CPU $us us/request" >&2
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
# OPEN_RATE fixes the open-loop rate instead (to compare runs at one rate)
RATE=${OPEN_RATE:-$RATE}
echo "open-loop rate: $RATE req/s (${OPEN_RATE:+fixed; }the lower proxy median: $SAT)" >&2
for p in "${OPEN_PATHS[@]}"; do
  LAT[$p]=$("${GEN[@]}" "$WORK/openloop" 127.0.0.1 "${PORT[$p]}" /app/ "$RATE" "$OPEN_CONNECTIONS" "$OPEN_SECONDS")
  echo "open-loop $p: ${LAT[$p]}" >&2
done

echo
echo "load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores${PIN:+ (PIN=$PIN: generator and backend on CPU 0, proxy on CPU 1)}, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| path | wrk req/s, 64 conn (median) | rounds | server CPU us/request (rounds) | wrk p99 (median round) | open-loop rate | achieved | p50 | p90 | p99 | p99.9 | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for p in "${PATHS[@]}"; do
  if [[ -n "${LAT[$p]:-}" ]]; then
    read -r target achieved p50 p90 p99 p999 max errors <<<"${LAT[$p]}"
    printf "| %s | %s | %s | %s | %s | %s | %s | %s us | %s us | %s us | %s us | %s |\n" "$p" "${RPS[$p]}" "${ROUNDS_TEXT[$p]}" "$(tr ' ' '/' <<<"${CPU[$p]# }")" "${P99[$p]}" "$target" "$achieved" "$p50" "$p90" "$p99" "$p999" "$errors"
  else
    printf "| %s | %s | %s | %s | %s | - | - | - | - | - | - | - |\n" "$p" "${RPS[$p]}" "${ROUNDS_TEXT[$p]}" "$(tr ' ' '/' <<<"${CPU[$p]# }")" "${P99[$p]}"
  fi
done
echo
awk -v e="${RPS[edge]}" -v n="${RPS[nginx]}" -v h="${RPS[hello]}" -v x="${RPS[nioproxy]}" -v o="${RPS[handover]}" 'BEGIN {printf "throughput edge / nginx at 64 connections: %.2fx (bare Helidon listener / nginx: %.2fx, NIO event-loop proxy / nginx: %.2fx, the same loops behind the Helidon listener / nginx: %.2fx)\n", e / n, h / n, x / n, o / n}'
read -r _ _ _ _ dp99 _ <<<"${LAT[direct]}"
read -r _ _ _ _ ep99 _ <<<"${LAT[edge]}"
read -r _ _ _ _ np99 _ <<<"${LAT[nginx]}"
read -r _ _ _ _ fp99 _ <<<"${LAT[nginx-fwd]}"
awk -v e="${RPS[edge]}" -v f="${RPS[nginx-fwd]}" 'BEGIN {printf "throughput edge / nginx with the same forwarding headers: %.2fx\n", e / f}'
awk -v e="$ep99" -v d="$dp99" -v n="$np99" -v f="$fp99" 'BEGIN {printf "added p99 over direct at the open-loop rate: edge %.3f ms, nginx %.3f ms, nginx-fwd %.3f ms\n", (e - d) / 1000, (n - d) / 1000, (f - d) / 1000}'

if [[ -n "${BASELINE_CLASSES:-}" ]]; then
  read -r _ _ _ _ bp99 _ <<<"${LAT[baseline]}"
  awk -v e="${RPS[baseline]}" -v n="${RPS[nginx]}" -v b="$bp99" -v d="$dp99" 'BEGIN {printf "baseline: throughput / nginx %.2fx, added p99 over direct %.3f ms\n", e / n, (b - d) / 1000}'
fi
