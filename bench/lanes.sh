#!/usr/bin/env bash
# USSD reply submit_sm latency on one bind (window 10) against the simulator throttling every 5th submit_sm
# (5 ms responses): alone, then while 20 bulk senders keep the bind full. Residents ahead of bulk: ratio near 1.
# Usage: bench/lanes.sh [seconds-per-phase] [replies-per-second]   (default 10 100). Output: bench/results/.
source "$(dirname "$0")/lib.sh"
out="bench/results/lanes-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  uptime
  java -Xms256m -Xmx256m -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log=simulator/target/bench-lanes.log \
    -cp "$cp" id.betang.simulator.bench.LanesBench "${1:-10}" "${2:-100}"
} | tee "$out"
