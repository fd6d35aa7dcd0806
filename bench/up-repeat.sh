#!/usr/bin/env bash
# mesh up, N times in a row on one work dir: start it, wait until it prints "ready in", stop it with
# TERM by its PID; count the runs that did not get ready and the JVM crashes (hs_err_pid*.log files,
# "A fatal error has been detected" in the logs). Made to reproduce and then rule out the agents'
# SIGSEGV under a class-data archive (docs/BENCHMARKS.md, "mesh up: ten in a row").
# Usage: bench/up-repeat.sh [N]    (default 10; from anywhere; builds the CLI first if needed)
# Env:   PORT_BASE=27000  TIMEOUT=240 (seconds per run)  KEEP=1 (keep the work dir)
#        INTERRUPT=S: before each run, delete the agents' archives and class lists and start mesh up once more, then
#        TERM it after a random 1..S seconds (Ctrl-C during start-up: the agents exit, and write
#        their archive, half-started); the run after it then starts from what they wrote.
#        MESH_CDS_DIR / MESH_JAVA_OPTS are passed through to mesh up as a user would set them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
PORT_BASE=${PORT_BASE:-27000}
TIMEOUT=${TIMEOUT:-240}
work=$(mktemp -d /var/tmp/mesh-up-repeat.XXXXXX)
chmod 755 "$work"
cleanup() { if [[ "${KEEP:-}" == 1 ]]; then echo "work dir kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

"$root/mesh" --version >/dev/null   # builds the CLI if it is missing or stale (not timed)
dir="$work/mesh"
# the JVMs write hs_err_pid*.log into their working directory: mesh up's, which is this one
cd "$work"

# Starts mesh up from no archive and TERMs it after a random 1..$INTERRUPT s (by its PID).
interrupted_up() {
  local pid
  rm -f "$dir"/cds/*.jsa "$dir"/cds/*.classlist
  MESH_NO_BUILD=1 "$root/mesh" up --dir "$dir" --edge-port $((PORT_BASE + 10)) --api-port "$PORT_BASE" \
      --fabric-port $((PORT_BASE + 5)) --workload-ports $((PORT_BASE + 1000)) >>"$work/interrupted.log" 2>&1 &
  pid=$!
  sleep "$((RANDOM % INTERRUPT + 1)).$((RANDOM % 10))"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
}

# One mesh up: prints "<seconds> ready", "<seconds> exited" or "<seconds> timeout", then stops it.
run_up() {
  local log="$1" start pid secs state=timeout deadline
  start=$(date +%s%N)
  deadline=$((start + TIMEOUT * 1000000000))
  : >"$log"
  MESH_NO_BUILD=1 "$root/mesh" up --dir "$dir" --edge-port $((PORT_BASE + 10)) --api-port "$PORT_BASE" \
      --fabric-port $((PORT_BASE + 5)) --workload-ports $((PORT_BASE + 1000)) >"$log" 2>&1 &
  pid=$!
  while (($(date +%s%N) < deadline)); do
    if grep -q 'ready in ' "$log"; then state=ready; break; fi
    if ! kill -0 "$pid" 2>/dev/null; then state=exited; break; fi
    sleep 0.2
  done
  secs=$(( ($(date +%s%N) - start) / 1000000 ))
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"   # (a background job of a script ignores SIGINT; TERM takes Ctrl-C's path)
  fi
  wait "$pid" || true
  if pgrep -f -- "$dir/" >/dev/null; then
    echo "processes left after mesh up stopped:" >&2; pgrep -af -- "$dir/" >&2; exit 1
  fi
  printf '%d.%03d %s\n' $((secs / 1000)) $((secs % 1000)) "$state"
}

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
eval "$(sed -n '/^jdk_version() {/,/^}/p;/^find_jdk() {/,/^}/p' "$root/mesh")"  # the JDK ./mesh picks
echo "JDK: $("$(find_jdk)/bin/java" -version 2>&1 | sed -n 2p)"
printf '| run | result | seconds | new hs_err files | fatal errors in the logs |\n|---:|---|---:|---:|---:|\n'
ready=0 crashes=0
for r in $(seq 1 "$runs"); do
  before=$(find "$work" -maxdepth 1 -name 'hs_err_pid*.log' | wc -l)
  if [[ -n "${INTERRUPT:-}" ]]; then interrupted_up; fi
  read -r secs state < <(run_up "$work/up-$r.log")
  after=$(find "$work" -maxdepth 1 -name 'hs_err_pid*.log' | wc -l)
  fatal=$(cat "$dir"/logs/*.log 2>/dev/null | grep -c 'A fatal error has been detected' || true)
  # the logs are appended to across runs: count only what this run added
  new_fatal=$((fatal - ${seen_fatal:-0})); seen_fatal=$fatal
  [[ "$state" == ready ]] && ready=$((ready + 1))
  if ((after > before || new_fatal > 0)); then crashes=$((crashes + 1)); fi
  printf '| %d | %s | %s | %d | %d |\n' "$r" "$state" "$secs" $((after - before)) "$new_fatal"
done
echo "runs: $runs; ready: $ready; runs with a JVM crash: $crashes; hs_err files: $(find "$work" -maxdepth 1 -name 'hs_err_pid*.log' | wc -l); archives: $(ls "$dir/cds" 2>/dev/null | tr '\n' ' ')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((crashes > 0)); then
  for f in "$work"/hs_err_pid*.log; do [[ -f "$f" ]] && sed -n '/Problematic frame/{n;p}' "$f"; done | sort | uniq -c
  exit 1
fi
