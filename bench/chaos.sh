#!/usr/bin/env bash
# The chaos suite at full scale: per fault, N SMS complaints and N notifications stream through the gateway
# jar (simulator SMSC, registry stub, the suite's own mariadbd and redis-server on free ports) while one fault
# strikes half-way: kill -9 and restart; kill -9 of one of two instances; the SMSC link cut for 5 s; the
# registry answering 503 for 60 s; MySQL stopped for 20 s; Redis stopped for 20 s. Needs mariadbd,
# mariadb-install-db and redis-server on the PATH (the shared servers on 3306/6379 are never touched).
# Usage: bench/chaos.sh [n]   (default 2000).
# Output: bench/results/chaos-<time>.txt; one line per fault
#   fault=<name> acked=… stored=… lost=… duplicates=… mt_sent=… mt_lost=… drain_s=… (and more)
# and last: faults=6 acked=<n> lost=<n> duplicate_complaints=<n> mt_lost=<n> drain_s=<max s after recovery>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# built inside the reactor (the gateway jar the suite launches, the simulator's test classes that hold it),
# never installed: other checkouts share ~/.m2
build() { mvn -q "$@" -pl simulator -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.classpath; }
build -o 2>/dev/null || build
cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat simulator/target/bench.classpath)"
mkdir -p bench/results
out="$root/bench/results/chaos-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/chaos.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  # from the simulator module, where the suite finds the gateway jar (../gateway/target)
  cd simulator && java -Xms256m -Xmx768m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-chaos.log" \
    -cp "$cp" id.betang.simulator.chaos.ChaosSuite "${1:-2000}"
} | tee "$out"
