#!/usr/bin/env bash
# The terminal console idle: CPU and memory of `mesh tui` open on a live `mesh up` (3 agents, an
# edge, the example apps; the fabric keeps changing: telemetry every 2 s), with no key pressed.
# Starts mesh up in a temp dir (static seeds, every port from PORT_BASE), the tui in a tmux session
# of its own (a private socket) at COLSxROWS, waits until the console shows the cluster, lets it
# settle, then samples /proc/PID/stat (utime+stime) and /proc/PID/status (VmRSS) of the tui's JVM
# every 5 s for SECONDS_IDLE; quits the tui with q and stops mesh up with TERM, both by their PIDs,
# and removes the temp dir.
# With REFERENCE=DIR (another checkout, built: DIR/cli/target/mesh.jar), that checkout's tui is
# opened too, on the same cluster and measured over the same seconds: the reference of the same
# run (both consoles are members, so each sees one more member than it would alone).
# Usage: bench/console-tui.sh   (from the repository root, after ./mvnw -pl cli -am package -DskipTests)
# Env:   SECONDS_IDLE=60 SETTLE=20 COLS=160 ROWS=48 PORT_BASE=21070 VIEW=graph (a :command to open first)
#        REFERENCE=DIR
#        THIS_ENV, REFERENCE_ENV: VAR=value settings for the tui of this checkout / of the reference
#        (e.g. MESH_JAVA_OPTS=-XX:+UseSerialGC)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SECONDS_IDLE=${SECONDS_IDLE:-60}
SETTLE=${SETTLE:-20}
COLS=${COLS:-160}
ROWS=${ROWS:-48}
PORT_BASE=${PORT_BASE:-21070}
VIEW=${VIEW:-graph}
REFERENCE=${REFERENCE:-}
work=$(mktemp -d /var/tmp/mesh-tui-bench.XXXXXX)
sock="mesh-tui-bench-$$"
up_pid=""
labels=(this)
roots=("$PWD")
envs=("${THIS_ENV:-}")
[[ -n "$REFERENCE" ]] && { labels+=(reference); roots+=("$(cd "$REFERENCE" && pwd)"); envs+=("${REFERENCE_ENV:-}"); }
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill -TERM "$p" 2>/dev/null || true; fi
  done
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

MESH_NO_BUILD=1 ./mesh up --dir "$work/.mesh" --discovery seeds --api-port "$PORT_BASE" --hyphae-port $((PORT_BASE + 10)) \
    --fabric-port $((PORT_BASE + 80)) --edge-port $((PORT_BASE + 110)) --workload-ports $((PORT_BASE + 230)) >"$work/up.log" 2>&1 &
up_pid=$!
await "grep -q 'ready in ' '$work/up.log' || ! kill -0 $up_pid" 240
kill -0 "$up_pid" || { echo "mesh up exited:" >&2; cat "$work/up.log" >&2; exit 1; }

for i in "${!labels[@]}"; do
  tmux -L "$sock" new-session -d -x "$COLS" -y "$ROWS" -s "${labels[$i]}" \
      "cd '${roots[$i]}' && ${envs[$i]} MESH_NO_BUILD=1 exec ./mesh tui --dir '$work/.mesh' 2>'$work/${labels[$i]}.err'"
  pids+=("$(tmux -L "$sock" display-message -p -t "${labels[$i]}" '#{pane_pid}')")
done
for i in "${!labels[@]}"; do
  await "tmux -L '$sock' capture-pane -p -t ${labels[$i]} 2>/dev/null | grep -q 'members' || ! kill -0 ${pids[$i]} 2>/dev/null" 60
  kill -0 "${pids[$i]}" 2>/dev/null || { echo "mesh tui (${labels[$i]}) exited:" >&2; cat "$work/${labels[$i]}.err" >&2; exit 1; }
  if [[ "$VIEW" != graph ]]; then tmux -L "$sock" send-keys -t "${labels[$i]}" ":$VIEW" Enter; fi
done
sleep "$SETTLE"  # the first frames, class loading and JIT of the view are not idle

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads() { for t in /proc/"$1"/task/*; do echo "$(basename "$t") $(tr ' ' _ <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done | sort; }
declare -a start_ticks max_rss samples
for i in "${!labels[@]}"; do
  threads "${pids[$i]}" >"$work/threads.$i.0"
  start_ticks[$i]=$(ticks "${pids[$i]}"); max_rss[$i]=0; samples[$i]=""
done
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
for _ in $(seq 1 $((SECONDS_IDLE / 5))); do
  sleep 5
  for i in "${!labels[@]}"; do
    r=$(rss_kb "${pids[$i]}"); samples[$i]="${samples[$i]} $((r / 1024))"
    (( r > max_rss[i] )) && max_rss[$i]=$r
  done
done
end=$(date +%s.%N)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
declare -a cpu
for i in "${!labels[@]}"; do
  cpu[$i]=$(echo "($(ticks "${pids[$i]}") - ${start_ticks[$i]}) / $hz / ($end - $start) * 100" | bc -l)
  threads "${pids[$i]}" >"$work/threads.$i.1"
done
header=$(tmux -L "$sock" capture-pane -p -t this | head -1)

for i in "${!labels[@]}"; do
  tmux -L "$sock" send-keys -t "${labels[$i]}" q
done
for i in "${!labels[@]}"; do
  await "! kill -0 ${pids[$i]} 2>/dev/null" 20
done

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ *Model name: *//'), $(date -u '+%F %H:%M UTC'); load average $load_start at the start, $load_end at the end"
echo "screen: ${COLS}x${ROWS}, view $VIEW, settle ${SETTLE}s; header: $header"
for i in "${!labels[@]}"; do
  printf '%s (%s): idle %ss: cpu %.2f%% of a core; rss max %d MB, samples (MB):%s\n' "${labels[$i]}" "${roots[$i]}" \
      "$SECONDS_IDLE" "${cpu[$i]}" $((max_rss[i] / 1024)) "${samples[$i]}"
  echo "  busiest threads (% of a core): $(join "$work/threads.$i.0" "$work/threads.$i.1" | awk -v hz="$hz" -v s="$SECONDS_IDLE" \
      '{d = $5 - $3; if (d > 0) printf "%s %.2f\n", $2, d / hz / s * 100}' | sort -k2 -rn | head -8 | tr '\n' ' ')"
done
if [[ -n "$REFERENCE" ]]; then
  printf 'ratio this / reference: cpu %.2f, rss %.2f\n' "$(echo "${cpu[0]} / ${cpu[1]}" | bc -l)" \
      "$(echo "${max_rss[0]} / ${max_rss[1]}" | bc -l)"
fi
