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
source "$(dirname "$0")/lib.sh"
bench_build
out="$root/bench/results/chaos-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  bench_suite chaos id.betang.simulator.chaos.ChaosSuite "${1:-2000}"
} | tee "$out"
