#!/usr/bin/env bash
# MT submit_sm per second through the gateway's outbox vs a bare jSMPP ESME, against the simulator SMSC
# (window 10, no TPS cap, no receipts), with the real MariaDB/Redis of the tests. Target: ratio >= 0.7.
# Usage: bench/mt.sh [messages-per-round] [rounds]   (default 30000 3; medians reported). Output: bench/results/.
source "$(dirname "$0")/lib.sh"
bench_build
out="bench/results/mt-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  java -Xms512m -Xmx512m -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log=simulator/target/bench-mt.log \
    -cp "$cp" id.betang.simulator.bench.MtBench "${1:-30000}" "${2:-3}"
} | tee "$out"
