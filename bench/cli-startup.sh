#!/usr/bin/env bash
# How long the mesh CLI takes to answer, against the bare JVM start-up (`java -version`, same JDK
# and flags) measured in the same run, interleaved so that load from elsewhere hits all alike.
# Usage: bench/cli-startup.sh [RUNS]     (default 15; run from anywhere; builds first if needed)
# Env:   NO_CDS=1 measures without the CLI's class-data archive (MESH_CDS_DIR=none)
# Prints the median (and max) wall time of each case and its ratio to the reference. Uses
# hyperfine when it is installed, else a loop timed with date +%s%N.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/mesh" --version >/dev/null            # builds the CLI if it is missing or stale (not timed)
eval "$(sed -n '/^jdk_version() {/,/^}/p;/^find_jdk() {/,/^}/p' "$root/mesh")"  # the JDK ./mesh picks
home="$(find_jdk)"
# a port nothing listens on: `mesh apps` against nothing (connection refused, exit 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export MESH_NO_BUILD=1
if [[ "${NO_CDS:-}" == 1 ]]; then
  export MESH_CDS_DIR=none
else
  export MESH_CDS_DIR="$work/cds"
  # the CLI's archive: the first run records its classes, the next makes it in the background
  "$root/mesh" --help >/dev/null; "$root/mesh" --version >/dev/null
  for _ in $(seq 1 300); do compgen -G "$MESH_CDS_DIR/cli-*.jsa" >/dev/null && break; sleep 0.1; done
  compgen -G "$MESH_CDS_DIR/cli-*.jsa" >/dev/null || { echo "no class-data archive made in $MESH_CDS_DIR" >&2; exit 1; }
fi

names=("java -version (reference)" "./mesh --version" "./mesh --help" "./mesh apps (no agent)")
cmds=("$home/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version"
      "$root/mesh --version" "$root/mesh --help" "$root/mesh apps --api http://127.0.0.1:$port")

declare -A samples
for ((i = 0; i < runs; i++)); do
  for c in "${!cmds[@]}"; do
    s=$(date +%s%N); ${cmds[$c]} >/dev/null 2>&1 || true; e=$(date +%s%N)
    samples[$c]+="$(((e - s) / 1000000)) "
  done
done
stat_of() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[NR]}'; }

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JDK: $("$home/bin/java" -version 2>&1 | sed -n 2p); runs: $runs, interleaved; class-data archive: ${MESH_CDS_DIR}"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N -i -w 2 -r "$runs" "${cmds[@]}"
fi
read -r ref _ < <(stat_of "${samples[0]}")
printf '| case | median ms | max ms | x reference |\n|---|---:|---:|---:|\n'
for c in "${!cmds[@]}"; do
  read -r med max < <(stat_of "${samples[$c]}")
  printf '| %s | %d | %d | %.2f |\n' "${names[$c]}" "$med" "$max" "$(awk -v a="$med" -v b="$ref" 'BEGIN {print a / b}')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
