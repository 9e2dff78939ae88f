#!/usr/bin/env bash
# USSD capacity: complete dialogues (dial → 1 → NIK → status → 00 → 0; 200 sessions, each starting at a random
# point of its first walk, so every stage sees every step) against the gateway jar (-Xmx256m), with
# the real MariaDB/Redis of the tests, the simulator SMSC and a local registry stub. After a warm-up the offered
# load steps up (50 steps/s, x1.3 every 10 s) until p99 in-gateway step latency (what the gateway logs per step)
# passes 20 ms, errors appear (a step refused, timed out or answered "by SMS" past the 2 s budget) or the rate is
# not reached, then up to three finer stages (x1.08) from the last that held; the highest stage that held is the
# capacity. The same load generator then steps a bare jSMPP echo
# ESME (one submit_sm per USSD deliver_sm; no Redis, no registry) up the same way on the same simulator: the
# ceiling of simulator + load generator + machine. Also printed: start-up time (java -jar to /ready 200), Redis
# bytes per live session and gateway RSS with 10,000 live sessions, a JFR profile of the gateway's climb.
# Target: ratio >= 0.5; < 512 B per session, < 300 MB RSS, < 3 s start-up.
# Usage: bench/ussd.sh [--with-bulk] [--capacity=<steps/s>] [sessions] [stage-seconds] [warm-up-seconds] [start-steps-per-s]
#        (default 200 10 20 50).
#   --with-bulk: residents at 50 % of the capacity (measured first in the same run, or --capacity=<n>) while
#   50,000 bulk SMS go through the notifications API and the simulator throttles; prints their USSD p99
#   (target <= 20 ms); last line with_bulk ussd_p99_ms=<x> … .
# Output: bench/results/ussd-<time>.txt (ussd-bulk-<time>.txt with --with-bulk); the last line is
#   capacity_steps_per_s=<n> echo_steps_per_s=<m> ratio=<r> p99_ms=<at capacity> rss_mb=<n>
# The JFR recording stays in simulator/target/bench-ussd-capacity.jfr (jfr print --events jdk.ExecutionSample).
source "$(dirname "$0")/lib.sh"
bench_build
kind=ussd
for a in "$@"; do [ "$a" = "--with-bulk" ] && kind=ussd-bulk; done
out="$root/bench/results/$kind-$(date -u +%Y%m%dT%H%M%SZ).txt"
ulimit -n 65536 2>/dev/null || true
{
  bench_header
  # from the simulator module, where the bench finds the gateway jar (../gateway/target)
  cd simulator && java -Xms256m -Xmx768m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-ussd.log" \
    -cp "$cp" id.betang.simulator.bench.UssdBench "$@"
} | tee "$out"
