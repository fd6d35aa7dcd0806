#!/usr/bin/env bash
# Edge TLS benchmark: the edge terminating TLS against nginx terminating TLS, in one run, both in
# front of the same local backend (nginx returning a fixed 13-byte body) on 127.0.0.1, with one
# EC P-256 certificate made here by openssl. Also the plain-HTTP edge and nginx, as the reference
# of the same run. wrk: 64 keep-alive connections, 2 threads, a warm-up of each path, then ROUNDS
# rounds taking the paths in turn (so load from elsewhere on the machine hits all of them); each
# path's median round, and the CPU time its server spends per request (utime+stime from /proc).
# A last phase measures handshakes: wrk with "Connection: close" (a new TLS connection per request).
# Usage: bench/edge-tls.sh   (from the repository root)
# Env:   DURATION=10 ROUNDS=3 WARMUP=8 CONNECTIONS=64 HANDSHAKE_SECONDS=8
#        EDGE_JAVA_OPTS (the edge's JVM flags; default as bench/edge.sh)
#        ports: BACKEND_PORT=24190 NGINX_PORT=24191 NGINX_TLS_PORT=24192 EDGE_PORT=24193 EDGE_TLS_PORT=24194
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-8}
CONNECTIONS=${CONNECTIONS:-64}
HANDSHAKE_SECONDS=${HANDSHAKE_SECONDS:-8}
BACKEND_PORT=${BACKEND_PORT:-24190}
NGINX_PORT=${NGINX_PORT:-24191}
NGINX_TLS_PORT=${NGINX_TLS_PORT:-24192}
EDGE_PORT=${EDGE_PORT:-24193}
EDGE_TLS_PORT=${EDGE_TLS_PORT:-24194}
EDGE_JAVA_OPTS=${EDGE_JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m -Xmn320m}

for tool in wrk nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "bench/edge-tls.sh needs $tool (apt-get install wrk nginx openssl curl)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/edge-tls-bench.XXXXXX)
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

openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/bench.key" 2>/dev/null
openssl req -x509 -new -key "$WORK/bench.key" -subj /CN=bench.test -addext subjectAltName=DNS:bench.test -days 2 \
  -out "$WORK/bench.crt" 2>/dev/null

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
  server { listen 127.0.0.1:$NGINX_TLS_PORT ssl; server_name bench.test;
    ssl_certificate $WORK/bench.crt; ssl_certificate_key $WORK/bench.key; ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:tls:10m;
    location /app/ { proxy_pass http://backend/; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
nginx -e "$WORK/backend/error.log" -p "$WORK/backend" -c "$WORK/backend/nginx.conf" & PIDS+=($!)
BACKEND_PID=$!
nginx -e "$WORK/proxy/error.log" -p "$WORK/proxy" -c "$WORK/proxy/nginx.conf" & PIDS+=($!)
PROXY_PID=$!
# shellcheck disable=SC2086
"$JAVA" $EDGE_JAVA_OPTS -cp "$CP" io.mycelium.edge.EdgeMain --port "$EDGE_PORT" \
  --route "app=127.0.0.1:$BACKEND_PORT" --access-log off > "$WORK/edge.log" 2>&1 & PIDS+=($!)
EDGE_PID=$!
# shellcheck disable=SC2086
"$JAVA" $EDGE_JAVA_OPTS -cp "$CP" io.mycelium.edge.EdgeMain --port "$EDGE_TLS_PORT" --tls-cert "$WORK/bench.crt" \
  --tls-key "$WORK/bench.key" --route "app=127.0.0.1:$BACKEND_PORT" --access-log off > "$WORK/edge-tls.log" 2>&1 & PIDS+=($!)
EDGE_TLS_PID=$!

declare -A URL=([direct]="http://127.0.0.1:$BACKEND_PORT/app/" [nginx]="http://127.0.0.1:$NGINX_PORT/app/"
  [edge]="http://127.0.0.1:$EDGE_PORT/app/" [nginx-tls]="https://127.0.0.1:$NGINX_TLS_PORT/app/"
  [edge-tls]="https://127.0.0.1:$EDGE_TLS_PORT/app/")
declare -A SERVER=([direct]="$BACKEND_PID" [nginx]="$PROXY_PID" [edge]="$EDGE_PID" [nginx-tls]="$PROXY_PID" [edge-tls]="$EDGE_TLS_PID")
PATHS=(direct nginx edge nginx-tls edge-tls)
for p in "${PATHS[@]}"; do
  for _ in $(seq 1 150); do
    curl -fsSk "${URL[$p]}" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS --cacert "$WORK/bench.crt" --resolve "bench.test:${URL[$p]##*:}" "${URL[$p]}" >/dev/null 2>&1 \
    || curl -fsSk "${URL[$p]}" >/dev/null || { echo "nothing answers at ${URL[$p]}" >&2; cat "$WORK/edge-tls.log" >&2; exit 1; }
done
for p in nginx-tls edge-tls; do
  port=${URL[$p]#https://127.0.0.1:}; port=${port%%/*}
  echo "$p: $(openssl s_client -connect "127.0.0.1:$port" -servername bench.test -brief </dev/null 2>&1 | grep -E 'Protocol|Ciphersuite' | tr '\n' ' ')" >&2
done

TICKS=$(getconf CLK_TCK)
cpu_ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for p in "${PATHS[@]}"; do
  echo "warm-up $p (${WARMUP}s)" >&2
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "${URL[$p]}" >/dev/null
done
declare -A ALL CPU RPS P99 ROUNDS_TEXT
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    c0=$(cpu_ticks "${SERVER[$p]}")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${URL[$p]}")
    c1=$(cpu_ticks "${SERVER[$p]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    errs=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
    us=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v t="$TICKS" 'BEGIN {printf "%.1f", (b - a) / t * 1e6 / n}')
    ALL[$p]="${ALL[$p]:-} $rps:$p99"
    CPU[$p]="${CPU[$p]:-} $us"
    echo "round $round wrk $p: $rps req/s, p99 $p99, server CPU $us us/request ${errs}" >&2
  done
done
for p in "${PATHS[@]}"; do
  median=$(tr ' ' '\n' <<<"${ALL[$p]}" | grep . | sort -t: -k1 -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  RPS[$p]=${median%%:*}
  P99[$p]=${median#*:}
  ROUNDS_TEXT[$p]=$(tr ' ' '\n' <<<"${ALL[$p]}" | grep . | cut -d: -f1 | paste -sd/ -)
done
declare -A HS
for p in nginx-tls edge-tls; do
  out=$(wrk -t2 -c16 -d"${HANDSHAKE_SECONDS}s" -H "Connection: close" "${URL[$p]}")
  HS[$p]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "handshakes $p: ${HS[$p]} new TLS connections/s" >&2
done

echo
echo "load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| path | wrk req/s, $CONNECTIONS conn (median) | rounds | server CPU us/request (rounds) | wrk p99 (median round) |"
echo "|---|---|---|---|---|"
for p in "${PATHS[@]}"; do
  printf "| %s | %s | %s | %s | %s |\n" "$p" "${RPS[$p]}" "${ROUNDS_TEXT[$p]}" "$(tr ' ' '/' <<<"${CPU[$p]# }")" "${P99[$p]}"
done
echo
awk -v e="${RPS[edge-tls]}" -v n="${RPS[nginx-tls]}" -v pe="${RPS[edge]}" -v pn="${RPS[nginx]}" \
  'BEGIN {printf "throughput edge+TLS / nginx+TLS at 64 connections: %.2fx (plain, same run: edge / nginx %.2fx; TLS cost: edge keeps %.0f%%, nginx %.0f%% of its plain rate)\n", e / n, pe / pn, 100 * e / pe, 100 * n / pn}'
awk -v e="${HS[edge-tls]}" -v n="${HS[nginx-tls]}" 'BEGIN {printf "new TLS connections/s (Connection: close, 16 conn): edge %s, nginx %s: %.2fx\n", e, n, e / n}'
