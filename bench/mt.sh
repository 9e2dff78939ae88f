#!/usr/bin/env bash
# MT submit_sm per second through the gateway's outbox vs a bare jSMPP ESME, against the simulator SMSC
# (window 10, no TPS cap, no receipts), with the real MariaDB/Redis of the tests. Target: ratio >= 0.7.
# Usage: bench/mt.sh [messages-per-round] [rounds]   (default 30000 3; medians reported). Output: bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o install -DskipTests 2>/dev/null || mvn -q install -DskipTests
classpath() { mvn -q "$@" -pl simulator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath; }
classpath -o 2>/dev/null || classpath
cp="simulator/target/classes:simulator/target/test-classes:$(cat simulator/target/bench.classpath)"
out="bench/results/mt-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/mt.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  java -Xms512m -Xmx512m -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log=simulator/target/bench-mt.log \
    -cp "$cp" id.betang.simulator.bench.MtBench "${1:-30000}" "${2:-3}"
} | tee "$out"
