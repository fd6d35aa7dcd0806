#!/usr/bin/env bash
# The terminal console idle: CPU and memory of `mesh tui` open on a live `mesh up` (3 agents, an
# edge, the example apps; the fabric keeps changing: telemetry every 2 s), with no key pressed.
# Starts mesh up in a temp dir, the tui in a tmux session of its own (a private socket) at
# COLSxROWS, waits until the console shows the cluster, then samples /proc/PID/stat (utime+stime)
# and /proc/PID/status (VmRSS) of the tui's JVM every 5 s for SECONDS_IDLE; quits the tui with q
# and stops mesh up with TERM, both by their PIDs, and removes the temp dir.
# Usage: bench/console-tui.sh   (from the repository root, after ./mvnw -pl cli -am package -DskipTests)
# Env:   SECONDS_IDLE=60 COLS=160 ROWS=48 PORT_BASE=27000 VIEW=graph (a :command to open first)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SECONDS_IDLE=${SECONDS_IDLE:-60}
COLS=${COLS:-160}
ROWS=${ROWS:-48}
PORT_BASE=${PORT_BASE:-27000}
VIEW=${VIEW:-graph}
work=$(mktemp -d /var/tmp/mesh-tui-bench.XXXXXX)
sock="mesh-tui-bench-$$"
up_pid=""
tui_pid=""

cleanup() {
  if [[ -n "$tui_pid" ]] && kill -0 "$tui_pid" 2>/dev/null; then kill -TERM "$tui_pid" 2>/dev/null || true; fi
  tmux -L "$sock" kill-server 2>/dev/null || true
  if [[ -n "$up_pid" ]] && kill -0 "$up_pid" 2>/dev/null; then kill -TERM "$up_pid"; wait "$up_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Waits up to $2 seconds for command $1 to succeed.
await() {
  local deadline=$((SECONDS + $2))
  until eval "$1"; do
    if (( SECONDS > deadline )); then echo "timed out waiting for: $1" >&2; return 1; fi
    sleep 0.5
  done
}

MESH_NO_BUILD=1 ./mesh up --dir "$work/.mesh" --edge-port $((PORT_BASE + 10)) --api-port "$PORT_BASE" \
    --fabric-port $((PORT_BASE + 5)) --workload-ports $((PORT_BASE + 1000)) >"$work/up.log" 2>&1 &
up_pid=$!
await "grep -q 'ready in ' '$work/up.log' || ! kill -0 $up_pid" 240
kill -0 "$up_pid" || { echo "mesh up exited:" >&2; cat "$work/up.log" >&2; exit 1; }

tmux -L "$sock" new-session -d -x "$COLS" -y "$ROWS" -s tui "cd '$PWD' && MESH_NO_BUILD=1 exec ./mesh tui --dir '$work/.mesh' 2>'$work/tui.err'"
tui_pid=$(tmux -L "$sock" display-message -p -t tui '#{pane_pid}')
await "tmux -L '$sock' capture-pane -p -t tui 2>/dev/null | grep -q 'members' || ! kill -0 $tui_pid 2>/dev/null" 60
kill -0 "$tui_pid" 2>/dev/null || { echo "mesh tui exited:" >&2; cat "$work/tui.err" >&2; exit 1; }
if [[ "$VIEW" != graph ]]; then tmux -L "$sock" send-keys -t tui ":$VIEW" Enter; fi
sleep 5  # settle: the first frames and the class loading of the view are not idle

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$tui_pid/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$tui_pid/status"; }
threads() { for t in /proc/"$tui_pid"/task/*; do echo "$(basename "$t") $(tr ' ' _ <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done | sort; }
threads >"$work/threads.0"
start_ticks=$(ticks); start=$(date +%s.%N); max_rss=0; samples=""
for _ in $(seq 1 $((SECONDS_IDLE / 5))); do
  sleep 5
  r=$(rss_kb); samples="$samples $((r / 1024))"
  (( r > max_rss )) && max_rss=$r
done
end_ticks=$(ticks); end=$(date +%s.%N)
threads >"$work/threads.1"
cpu=$(echo "($end_ticks - $start_ticks) / $hz / ($end - $start) * 100" | bc -l)
header=$(tmux -L "$sock" capture-pane -p -t tui | head -1)

tmux -L "$sock" send-keys -t tui q
await "! kill -0 $tui_pid 2>/dev/null" 20
tui_pid=""

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ *Model name: *//'), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
echo "screen: ${COLS}x${ROWS}, view $VIEW; header: $header"
printf 'idle %ss: cpu %.2f%% of a core; rss max %d MB, samples (MB):%s\n' "$SECONDS_IDLE" "$cpu" $((max_rss / 1024)) "$samples"
echo "busiest threads (% of a core): $(join "$work/threads.0" "$work/threads.1" | awk -v hz="$hz" -v s="$SECONDS_IDLE" \
    '{d = $5 - $3; if (d > 0) printf "%s %.2f\n", $2, d / hz / s * 100}' | sort -k2 -rn | head -6 | tr '\n' ' ')"
