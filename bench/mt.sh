#!/usr/bin/env bash
# MT submit_sm per second through the gateway's outbox vs a bare jSMPP ESME, against the simulator SMSC
# (window 10, no TPS cap, no receipts), with the real MariaDB/Redis of the tests. Target: ratio >= 0.9.
# Usage: bench/mt.sh [messages-per-round] [rounds]   (default 30000 3; medians reported). Output: bench/results/.
# Builds inside the reactor (test-compile, nothing installed into ~/.m2) and runs on that classpath.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build() {
  mvn -q "$@" -pl simulator -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile=target/bench.classpath
}
build -o 2>/dev/null || build
cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat simulator/target/bench.classpath)"
out="bench/results/mt-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/mt.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none), $(uptime | sed 's/.*load/load/')"
  java -Xms512m -Xmx512m -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log=simulator/target/bench-mt.log \
    -cp "$cp" id.betang.simulator.bench.MtBench "${1:-30000}" "${2:-3}"
  echo "# $(uptime | sed 's/.*load/load/') at the end"
} | tee "$out"
