#!/usr/bin/env bash
# Agent footprint: a lone agent (fresh data dir, no workloads, mDNS off, 127.0.0.1) started RUNS
# times per variant, as a user starts one: `./mesh agent ...`, so with the launcher's flags (the
# agent module's jvm-options) and a class-data archive, in a fresh cache dir per variant. The first
# start has no archive and writes it when it stops ("cold"); the others use it ("warm"). For each
# start: the time from process start to GET /health/ready 200 (polled every 10 ms), the CPU time
# (user+system) the JVM used until then (less disturbed by other load than the wall time), and
# VmRSS SETTLE seconds after ready; then TERM (a clean exit). Every process it starts is stopped
# by its PID; its temp dir is removed.
# Usage: bench/agent-footprint.sh [label=extra JVM flags]...   (default: one variant, no extra flags;
#        the extra flags go through MESH_JAVA_OPTS, after the launcher's own)
# Env:   RUNS=6 SETTLE=5
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-6}
SETTLE=${SETTLE:-5}
./mesh --version >/dev/null
WORK=$(mktemp -d /tmp/agent-footprint.XXXXXX)
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
./mesh keygen --out "$WORK/keys" --name operator >/dev/null
./mesh fabric keygen --out "$WORK/cluster.key" >/dev/null
mkdir -p "$WORK/trust"
cp "$WORK/keys/operator.pub" "$WORK/trust/"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

[[ $# -gt 0 ]] || set -- "mesh-agent="
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| variant | cold start -> ready (ms) | warm start -> ready median (ms) | max | warm CPU to ready median (ms) | idle RSS median (MB) | max |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for spec in "$@"; do
  label=${spec%%=*}; flags=${spec#*=}
  readies=(); rsses=(); cpus=(); cold=""
  api=$(free_port); fab=$(free_port)
  for i in $(seq 1 "$RUNS"); do
    # the same command line every time (a fresh, empty data dir at the same path): the launcher
    # keys the class-data archive by the agent's command line, as for a daemon restarted by systemd
    data="$WORK/data-$label"; rm -rf "$data"
    t0=$(now_ms)
    MESH_NO_BUILD=1 MESH_JAVA_OPTS="$flags" MESH_CDS_DIR="$WORK/cds-$label" ./mesh agent --node-id solo --bind 127.0.0.1 \
      --api-port "$api" --fabric-port "$fab" --data-dir "$data" --cluster-key "$WORK/cluster.key" \
      --operator-trust "$WORK/trust" --publisher-trust "$WORK/trust" --mdns-interface none \
      > "$WORK/agent-$label-$i.log" 2>&1 &
    PID=$!
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api/health/ready" 2>/dev/null | grep -q 200; do
      kill -0 "$PID" 2>/dev/null || { echo "agent exited; log:" >&2; cat "$WORK/agent-$label-$i.log" >&2; exit 1; }
      [[ $(( $(now_ms) - t0 )) -lt 60000 ]] || { echo "agent not ready in 60 s" >&2; exit 1; }
      sleep 0.01
    done
    if [[ $i == 1 ]]; then cold=$(( $(now_ms) - t0 )); else readies+=($(( $(now_ms) - t0 ))); fi
    [[ $i == 1 ]] || cpus+=($(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14+$15)*1000/hz}' "/proc/$PID/stat"))
    sleep "$SETTLE"
    [[ $i == 1 ]] || rsses+=($(awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$PID/status"))
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  mx() { printf '%s\n' "$@" | sort -n | tail -1; }
  echo "| \`$label\` | $cold | $(med "${readies[@]}") | $(mx "${readies[@]}") | $(med "${cpus[@]}") | $(med "${rsses[@]}") | $(mx "${rsses[@]}") |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
