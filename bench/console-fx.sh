#!/usr/bin/env bash
# The desktop console's benchmark: 100 agents / 1,000 instances from SimulatedCluster changing at
# 50 events/s for 15 s, on the dashboard headless (Monocle, software renderer): frames per second,
# change-to-frame latency, memory. Prints one line; also in console-fx/target/console-fx-bench.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -o -pl console-fx -am test -Dtest=DashboardBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups= >/dev/null
cat console-fx/target/console-fx-bench.txt
