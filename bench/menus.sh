#!/usr/bin/env bash
# Menu engine steps per second on one thread (main menu -> status path). Target: >= 200,000.
# Usage: bench/menus.sh [rounds] [ms-per-round]. Output is saved under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl menus -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="menus/target/classes:menus/target/test-classes:$(cat menus/target/bench.classpath)"
out="bench/results/menus-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/menus.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  java -Xms256m -Xmx256m -cp "$cp" id.betang.menus.bench.EngineBench "${1:-5}" "${2:-2000}"
} | tee "$out"
