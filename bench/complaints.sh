#!/usr/bin/env bash
# SMS complaints per second end to end: MO "ADUAN ..." in → stored with its forwarding row and ticket SMS →
# ticket SMS submitted to the simulator SMSC → forwarded to a local registry stub; against the gateway jar
# with the real MariaDB/Redis. Target on 2 cores: >= 300/s.
# Usage: bench/complaints.sh [complaints] [concurrent-senders]   (default 6000 64).
# Output: bench/results/complaints-<time>.txt; the last line is complaints_per_s=<n>.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
mvn -q -o install -DskipTests 2>/dev/null || mvn -q install -DskipTests
classpath() { mvn -q "$@" -pl simulator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath; }
classpath -o 2>/dev/null || classpath
cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat simulator/target/bench.classpath)"
out="$root/bench/results/complaints-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/complaints.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  # from the simulator module, where the tests find the gateway jar (../gateway/target)
  cd simulator && java -Xms256m -Xmx512m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-complaints.log" \
    -cp "$cp" id.betang.simulator.bench.ComplaintBench "${1:-6000}" "${2:-64}"
} | tee "$out"
