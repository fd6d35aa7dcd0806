#!/usr/bin/env bash
# How long the mesh CLI takes to answer, against the bare JVM start-up as the reference.
# Usage: bench/cli-startup.sh [RUNS]     (default 15; run from anywhere; builds first if needed)
# Prints the median wall time of each case and its ratio to the reference.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/mesh" --version >/dev/null            # builds the CLI if it is missing or stale
# the same JDK the script picks: reuse its two functions
eval "$(sed -n '/^jdk_version() {/,/^}/p;/^find_jdk() {/,/^}/p' "$root/mesh")"
home="$(find_jdk)"
"$root/mesh" up --dir "$work/mesh" >/dev/null # first run: key, pack, publish (not timed)

median_ms() { # runs a command $runs times, prints the median wall time in ms
  local t=() i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    t+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ref=$(median_ms "$home/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version)
ver=$(median_ms env MESH_NO_BUILD=1 "$root/mesh" --version)
up=$(median_ms env MESH_NO_BUILD=1 "$root/mesh" up --dir "$work/mesh")
verify=$(median_ms env MESH_NO_BUILD=1 "$root/mesh" spore verify "$work/mesh/spores/billing-1.0.0.spore" --trust "$work/mesh/trust")

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JDK: $home; runs: $runs (median)"
printf '%-40s %8s %8s\n' case median_ms x_ref
printf '%-40s %8d %8s\n' "reference: java -version (same flags)" "$ref" "1.00"
for row in "./mesh --version:$ver" "./mesh spore verify (billing 13 KB):$verify" "./mesh up (second run, 4 spores):$up"; do
  printf '%-40s %8d %8.2f\n' "${row%:*}" "${row##*:}" "$(awk -v a="${row##*:}" -v b="$ref" 'BEGIN {print a / b}')"
done
