#!/usr/bin/env bash
# Scale-out under faults: three gateway jars (2 binds each) to the simulator SMSC on a 6-node Redis Cluster
# (3 masters, 3 replicas; with --sentinel: a primary, two replicas, three sentinels) and a 3-node Galera cluster,
# every server a process of this machine on free loopback ports (the shared 3306/6379 are never touched). Three
# phases, each with fresh instances and database: USSD dialogues and SMS complaints (plus notifications) stream
# while, half-way, kill -9 takes 1. a gateway instance, 2. a Redis primary, 3. the Galera node being written to.
# Needs mariadbd, mariadb-install-db, galera-4 (/usr/lib/galera/libgalera_smm.so), rsync, redis-server and
# redis-cli on the PATH.
# Usage: bench/scale.sh [--sentinel] [complaints per phase (1000)] [spread s (30)] [USSD sessions (30)] [steps/s (30)]
# Output: bench/results/scale-<time>.txt; per phase
#   phase=<n> fault=… steps_per_s=… p99_ms=… continued_on_another_instance=… acked=… lost=… duplicate_complaints=…
# and last: instances=3 redis=<cluster|sentinel> mysql=galera phases=3 acked=<n> lost=<n> duplicate_complaints=<n>
source "$(dirname "$0")/lib.sh"
bench_build
out="$root/bench/results/scale-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  bench_suite scale id.betang.simulator.chaos.ScaleSuite "$@"
} | tee "$out"
