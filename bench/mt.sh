#!/usr/bin/env bash
# MT submit_sm per second through the gateway's outbox vs a bare jSMPP ESME, against the simulator SMSC
# (window 10, no TPS cap, no receipts), with the real MariaDB/Redis of the tests. Target: ratio >= 0.9.
# Usage: bench/mt.sh [--against <git-ref>] [messages-per-round] [rounds]   (default 30000 3; medians reported)
#   --against: also runs <git-ref>'s outbox package (its classes and OutboxMapper.xml put ahead of this
#   checkout's on the classpath), alternating with this checkout's, twice each, so before and after are
#   measured in the same minutes.
# Builds inside the reactor (bench/lib.sh: nothing installed into ~/.m2). Output: bench/results/.
against=""
if [[ "${1:-}" == --against ]]; then against="$2"; shift 2; fi
source "$(dirname "$0")/lib.sh"
bench_build
if [[ -n "$against" ]]; then
  base="$root/simulator/target/mt-against"
  outbox=gateway/src/main/java/id/betang/gateway/outbox
  rm -rf "$base" && mkdir -p "$base/src" "$base/classes/id/betang/gateway/outbox"
  for f in $(git ls-tree --name-only "$against" "$outbox/"); do git show "$against:$f" > "$base/src/${f##*/}"; done
  git show "$against:gateway/src/main/resources/id/betang/gateway/outbox/OutboxMapper.xml" \
    > "$base/classes/id/betang/gateway/outbox/OutboxMapper.xml"
  javac -nowarn -d "$base/classes" -cp "$cp" "$base"/src/*.java
fi
mt() {
  java -Xms512m -Xmx512m -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log=simulator/target/bench-mt.log \
    -cp "$1" id.betang.simulator.bench.MtBench "${2:-30000}" "${3:-3}"
}
load() { uptime | sed 's/.*load/load/'; }
out="bench/results/mt-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/mt.sh on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)${against:+, against $against ($(git rev-parse --short "$against"))}, $(load)"
  if [[ -z "$against" ]]; then
    mt "$cp" "$@"
  else
    for pass in 1 2; do
      echo "## $against, pass $pass, $(load)"; mt "$base/classes:$cp" "$@" | grep -e '^round' -e '_per_s='
      echo "## this checkout, pass $pass, $(load)"; mt "$cp" "$@" | grep -e '^round' -e '_per_s='
    done
  fi
  echo "# $(load) at the end"
} | tee "$out"
