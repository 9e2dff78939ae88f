#!/usr/bin/env bash
# Complete USSD dialogues (dial → 1 → NIK → status → 00 → 0) against the gateway jar, with the real
# MariaDB/Redis of the tests, the simulator SMSC and a local registry stub. Target on 2 cores:
# >= 1,000 steps/s with p99 < 50 ms at 1,000 concurrent sessions. Latency is what the gateway logs per step.
# Usage: bench/ussd.sh [sessions] [measured-seconds] [warm-up-seconds] [offered-steps-per-s]
#        (default 1000 30 30 1100: each session answers a screen about every 0.9 s).
# Output: bench/results/ussd-<time>.txt; the last line is steps_per_s=<n> p50_ms=<x> p99_ms=<y> rss_mb=<z>.
source "$(dirname "$0")/lib.sh"
out="$root/bench/results/ussd-$(date -u +%Y%m%dT%H%M%SZ).txt"
ulimit -n 65536 2>/dev/null || true
{
  bench_header
  # from the simulator module, where the tests find the gateway jar (../gateway/target)
  cd simulator && java -Xms256m -Xmx512m ${BENCH_JFR:+-Dbench.jfr=$BENCH_JFR} -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-ussd.log" \
    -cp "$cp" id.betang.simulator.bench.UssdBench "${1:-1000}" "${2:-30}" "${3:-30}" "${4:-1100}"
} | tee "$out"
